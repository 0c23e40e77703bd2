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

/**
 * Spends one request of `limit`'s budget for `tracker` (an address, a principal): the record
 * of what is left, or the 429 once the budget is spent.
 */
export async function spendRateLimit(
  storage: ThrottlerStorage,
  budget: { limit: string; tracker: string; quota: number; ttlMs: number; blockMs?: number },
): Promise<ThrottlerStorageRecord> {
  const { limit, tracker, quota, ttlMs } = budget;
  const key = rateLimitKey(limit, tracker);
  const record = await storage.increment(key, ttlMs, quota, budget.blockMs ?? ttlMs, limit);
  if (record.isBlocked) throw rateLimitRefusal(limit, quota, ttlMs, record);
  return record;
}
