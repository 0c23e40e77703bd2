import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, UnauthorizedError } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { AuthUser } from '../session-user';
import { extractBearerToken, JwtStrategy } from '../tokens/jwt.strategy';
import { VerifiedTokenCache } from '../tokens/verified-token-cache';

type AuthenticatedRequest = Pick<FastifyRequest, 'headers'> & { user?: AuthUser };

/** Global guard: every route needs a valid access token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
    private readonly verifiedTokens: VerifiedTokenCache,
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
    const token = extractBearerToken(request);
    const claims = token === null ? undefined : this.verifiedTokens.get(token);
    // A token passport has not verified yet (or that has expired since) goes through passport.
    if (claims === undefined) return super.canActivate(context) as Promise<boolean>;
    request.user = await this.strategy.sessionUser(claims);
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
