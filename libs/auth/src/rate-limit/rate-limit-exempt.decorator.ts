import { applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { RATE_LIMITS } from './rate-limits';

/** The spec extension that keeps the global 429 off an exempt operation (see the normalizer). */
export const RATE_LIMIT_EXEMPT = 'x-rate-limit-exempt';

/** No rate limit here (health probes): skipped by the guard and not documented with a 429. */
export const RateLimitExempt = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SkipThrottle(Object.fromEntries(RATE_LIMITS.map((name) => [name, true]))),
    ApiExtension(RATE_LIMIT_EXEMPT, true),
  );
