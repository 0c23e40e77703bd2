import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, presentsCredentials, UnauthorizedError } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { RejectedCredentials } from '../rate-limit/rejected-credentials';
import { ApiKeyAuthenticator, AuthUser } from '../session-user';
import { extractBearerToken, JwtStrategy } from '../tokens/jwt.strategy';
import { VerifiedTokenCache } from '../tokens/verified-token-cache';

type AuthenticatedRequest = Pick<FastifyRequest, 'headers' | 'ip'> & { user?: AuthUser };

/** The header an API key is sent in (DESIGN "Identity"). */
export const API_KEY_HEADER = 'x-api-key';
const API_KEY_PREFIX = 'rct_';

/**
 * One credential in both headers, as SDKs generated from the spec send it when their auth
 * callback answers the same value for every security scheme: an access token (no `rct_`
 * prefix) goes the bearer way. The same API key in both goes the key way.
 */
function isBearerSentTwice(apiKey: string | string[], token: string | null): boolean {
  return token !== null && apiKey === token && !apiKey.startsWith(API_KEY_PREFIX);
}

/**
 * Global guard: every route needs a valid access token or API key unless marked `@Public()`.
 * A request sends one or the other; two different credentials are refused, not guessed at.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
    private readonly verifiedTokens: VerifiedTokenCache,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly rejected: RejectedCredentials,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      return await this.authenticate(context, request);
    } catch (error) {
      // A refused credential spends its address's anonymous budget (a 429 once it is spent).
      if (error instanceof UnauthorizedError && presentsCredentials(request)) {
        await this.rejected.charge(request);
      }
      throw error;
    }
  }

  private async authenticate(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): Promise<boolean> {
    const apiKey = request.headers[API_KEY_HEADER];
    const token = extractBearerToken(request);
    if (apiKey !== undefined && !isBearerSentTwice(apiKey, token)) {
      return this.authenticateApiKey(request, apiKey, token);
    }
    const claims = token === null ? undefined : this.verifiedTokens.get(token);
    // A token passport has not verified yet (or that has expired since) goes through passport.
    if (claims === undefined) return super.canActivate(context) as Promise<boolean>;
    request.user = await this.strategy.sessionUser(claims);
    return true;
  }

  private async authenticateApiKey(
    request: AuthenticatedRequest,
    apiKey: string | string[],
    token: string | null,
  ): Promise<boolean> {
    if (request.headers.authorization !== undefined && token !== apiKey) {
      throw new UnauthorizedError('Send a bearer access token or an API key, not both.');
    }
    const user = typeof apiKey === 'string' ? await this.apiKeys.authenticate(apiKey) : undefined;
    if (!user) {
      throw new UnauthorizedError(
        'The API key is not valid: unknown, revoked or expired, or its owner is deactivated.',
      );
    }
    request.user = user;
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError) throw error;
    if (error || !user) {
      throw new UnauthorizedError('A valid bearer access token is required.');
    }
    return user;
  }
}
