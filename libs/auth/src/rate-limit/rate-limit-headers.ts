import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the policy (`q` requests
 * per `w` seconds) and what is left of it (`r` requests, for `t` seconds), named after the
 * limit that applied.
 */
export function rateLimitHeaders(
  name: string,
  limit: number,
  ttlMs: number,
  record: ThrottlerStorageRecord,
): Record<string, string> {
  const remaining = record.isBlocked ? 0 : Math.max(0, limit - record.totalHits);
  const reset = record.isBlocked ? record.timeToBlockExpire : record.timeToExpire;
  return {
    'RateLimit-Policy': `"${name}";q=${limit};w=${Math.ceil(ttlMs / 1000)}`,
    RateLimit: `"${name}";r=${remaining};t=${Math.max(0, reset)}`,
  };
}
