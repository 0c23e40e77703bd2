import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { REFUSES_API_KEYS } from '../decorators/refuse-api-keys.decorator';
import { ROLES } from '../decorators/roles.decorator';
import { UserRole } from '../roles/user-role.enum';
import { AuthUser } from '../session-user';

/**
 * Global guard after the JWT guard: enforces `@Roles(...)` where a route declares it, and
 * `@RefuseApiKeys()` for requests made with an API key.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (request.user?.apiKeyId !== undefined && this.refusesApiKeys(context)) {
      throw new ForbiddenError('API keys cannot manage API keys or passwords; sign in instead.');
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    if (request.user && roles.includes(request.user.role)) return true;
    throw new ForbiddenError(`This action needs one of the roles: ${roles.join(', ')}.`);
  }

  private refusesApiKeys(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(REFUSES_API_KEYS, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
