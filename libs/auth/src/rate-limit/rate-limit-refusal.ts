import type { ThrottlerStorage } from '@nestjs/throttler';
import { TooManyRequestsError } from '@rct/common';
import { rateLimitHeaders } from './rate-limit-headers';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const REFUSALS: Record<string, string> = {
  anonymous: 'Too many requests from this address; wait as long as Retry-After says.',
  authenticated: 'Too many requests for this account; wait as long as Retry-After says.',
};

/** Where a limit's budget for one tracker (an address, a principal) is counted. */
export function rateLimitKey(limit: string, tracker: string): string {
  return `rct:rate:${limit}:${tracker}`;
}

/** The 429 for a spent budget: problem+json with Retry-After and the RateLimit fields. */
export function rateLimitRefusal(
  limit: string,
  quota: number,
  ttlMs: number,
  record: ThrottlerStorageRecord,
): TooManyRequestsError {
  const error = new TooManyRequestsError(
    REFUSALS[limit] ?? REFUSALS.anonymous,
    record.timeToBlockExpire,
  );
  Object.assign(error.headers, rateLimitHeaders(limit, quota, ttlMs, record));
  return error;
}
