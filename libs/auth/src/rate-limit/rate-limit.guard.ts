import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { TooManyRequestsError } from '@rct/common';
import type { FastifyReply } from 'fastify';
import { rateLimitHeaders } from './rate-limit-headers';

const REFUSALS: Record<string, string> = {
  anonymous: 'Too many requests from this address; wait as long as Retry-After says.',
  authenticated: 'Too many requests for this account; wait as long as Retry-After says.',
};

/**
 * Global rate limits (@nestjs/throttler), after authentication so the authenticated limit can
 * count by principal. One budget per principal or address across every route (not per route),
 * in Redis when REDIS_URL is set. Answers with the IETF RateLimit fields, and a 429 is
 * problem+json with Retry-After.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `rct:rate:${throttlerName}:${tracker}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const name = throttler.name ?? 'default';
    const http = context.switchToHttp();
    const tracker = await getTracker(http.getRequest(), context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const headers = rateLimitHeaders(name, limit, ttl, record);
    if (record.isBlocked) {
      const error = new TooManyRequestsError(
        REFUSALS[name] ?? REFUSALS.anonymous,
        record.timeToBlockExpire,
      );
      Object.assign(error.headers, headers);
      throw error;
    }
    void http.getResponse<FastifyReply>().headers(headers);
    return true;
  }
}
