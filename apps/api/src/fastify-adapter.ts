import { FastifyAdapter } from '@nestjs/platform-fastify';
import { resolveRequestId } from '@rct/common';
import { Environment } from '@rct/config';
import type { IncomingMessage } from 'node:http';

/**
 * Fastify options that must exist before Nest does: body limit and request ids (which also key
 * the request's CLS context, and so its log lines and audit event).
 */
export function createFastifyAdapter(env: Environment): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: env.HTTP_BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => resolveRequestId(req.headers['x-request-id']),
    // Idle keep-alive sockets close at shutdown; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
}
