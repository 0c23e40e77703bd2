import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../session-user';

/** The signed-in user, as the JWT guard attached it to the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    (context.switchToHttp().getRequest<FastifyRequest>() as FastifyRequest & { user: AuthUser })
      .user,
);
