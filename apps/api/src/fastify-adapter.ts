import { FastifyAdapter } from '@nestjs/platform-fastify';
import { resolveRequestId } from '@rct/common';
import { Environment } from '@rct/config';
import type { IncomingMessage } from 'node:http';

/**
 * Fastify options that must exist before Nest does: body limit and request ids. The id is also
 * left on the raw request so nestjs-cls keys the request's context (and so its log lines) with
 * the very same value.
 */
export function createFastifyAdapter(env: Environment): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: env.HTTP_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const id = resolveRequestId(req.headers['x-request-id']);
      req.id = id;
      return id;
    },
    // Idle keep-alive sockets close at shutdown; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
}
