import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { AppConfigService } from '@rct/config';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../session-user';
import { rateLimitPrincipal } from './rate-limit-principal';

export const RATE_LIMITS = ['anonymous', 'authenticated'] as const;

/** Every limit counts per minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

type Request = FastifyRequest & { user?: AuthUser };

const requestOf = (context: ExecutionContext): Request =>
  context.switchToHttp().getRequest<Request>();

/**
 * Two limits per minute, of which each request meets one (the guards decide which):
 * RATE_LIMIT_AUTHENTICATED per principal once the JWT guard has found one, else
 * RATE_LIMIT_ANONYMOUS per client address (request.ip, which honours TRUST_PROXY). 0 turns a
 * limit off.
 */
export function rateLimitOptions(
  config: AppConfigService,
): Exclude<ThrottlerModuleOptions, unknown[]> {
  const anonymous = config.get('RATE_LIMIT_ANONYMOUS');
  const authenticated = config.get('RATE_LIMIT_AUTHENTICATED');
  return {
    setHeaders: false,
    throttlers: [
      {
        name: 'anonymous',
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: anonymous,
        skipIf: () => anonymous === 0,
        getTracker: (_request, context) => requestOf(context).ip,
      },
      {
        name: 'authenticated',
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: authenticated,
        skipIf: () => authenticated === 0,
        getTracker: (_request, context) => {
          const request = requestOf(context);
          return rateLimitPrincipal(request) ?? request.ip;
        },
      },
    ],
  };
}
