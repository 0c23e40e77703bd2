import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** What a request line says of the request: never its headers, so never a credential. */
function describeRequest(request: FastifyRequest) {
  return {
    id: request.id,
    method: request.method,
    url: request.url,
    remoteAddress: request.socket.remoteAddress,
    userAgent: request.headers['user-agent'],
  };
}

/** Probes poll constantly; a line for each would drown the useful ones. */
const isProbe = (request: FastifyRequest): boolean => request.url.startsWith('/health');

/**
 * One line per request once its response is sent: `request completed` at info, `request
 * errored` at error for a 5xx, `request aborted` at info when the client hung up first. The
 * level is checked before anything is built, so at LOG_LEVEL=warn a 2xx costs a comparison.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const failed = reply.statusCode >= 500;
    const level = failed ? 'error' : 'info';
    if (logger.isLevelEnabled(level) && !isProbe(request)) {
      logger[level](
        {
          requestId: request.id,
          req: describeRequest(request),
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        failed ? 'request errored' : 'request completed',
      );
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('info') && !isProbe(request)) {
      logger.info({ requestId: request.id, req: describeRequest(request) }, 'request aborted');
    }
    done();
  });
}
