import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import { presentsCredentials } from '@rct/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../session-user';
import { rateLimitHeaders } from './rate-limit-headers';
import { spendRateLimit } from './rate-limit-refusal';
import { rateLimitPrincipal } from './rate-limit-principal';

type Request = FastifyRequest & { user?: AuthUser };

/**
 * Global rate limits (@nestjs/throttler): one budget per principal or client address across
 * every route (not per route), in Redis when REDIS_URL is set. Answers with the IETF RateLimit
 * fields; a 429 is problem+json with Retry-After. Two guards share the work, so that each
 * request is counted once: AnonymousRateLimitGuard before authentication (requests without
 * credentials, refused before a token is even looked at), RateLimitGuard after it.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Whether this guard counts the request against the named limit. */
  protected counts(limit: string, request: Request): boolean {
    const principal = rateLimitPrincipal(request);
    if (limit === 'authenticated') return principal !== undefined;
    // A public route called with a credential: anonymous, but not counted before auth.
    return principal === undefined && presentsCredentials(request);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker } = request;
    const name = throttler.name ?? 'default';
    const http = context.switchToHttp();
    if (!this.counts(name, http.getRequest<Request>())) return true;
    const tracker = await getTracker(http.getRequest(), context);
    const record = await spendRateLimit(this.storageService, {
      limit: name,
      tracker,
      quota: limit,
      ttlMs: ttl,
      blockMs: blockDuration,
    });
    void http.getResponse<FastifyReply>().headers(rateLimitHeaders(name, limit, ttl, record));
    return true;
  }
}

/** The anonymous limit for requests that carry no credential, before authentication. */
@Injectable()
export class AnonymousRateLimitGuard extends RateLimitGuard {
  protected override counts(limit: string, request: Request): boolean {
    return limit === 'anonymous' && !presentsCredentials(request);
  }
}
