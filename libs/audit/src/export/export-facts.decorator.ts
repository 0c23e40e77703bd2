import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { requestFacts } from '../request-facts';

/** The request as its export's audit event records it (the event is written once it ends). */
export const ExportFacts = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestFacts(context.switchToHttp().getRequest<FastifyRequest>()),
);
