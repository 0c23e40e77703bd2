import { FastifyAdapter } from '@nestjs/platform-fastify';
import { answerClientError, resolveRequestId, sendFrameworkProblem } from '@rct/common';
import { Environment, parseTrustProxy } from '@rct/config';
import type { IncomingMessage } from 'node:http';

/** Headers must arrive within this, or the whole request's timeout if shorter. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Slow clients: a request must arrive whole within HTTP_REQUEST_TIMEOUT_MS, its headers within
 * 10 s. Node checks pending requests every connectionsCheckingInterval (30 s by default, which
 * would let a request overstay its timeout by as much), so it checks every second.
 */
function timeouts(requestTimeout: number) {
  return {
    requestTimeout,
    http: {
      requestTimeout,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(requestTimeout / 4)),
    },
  };
}

/**
 * Fastify options that must exist before Nest does: body limit, timeouts, request ids (which
 * also key the request's CLS context, and so its log lines and audit event), and problem+json
 * for what Fastify and Node refuse before any route runs.
 */
export function createFastifyAdapter(env: Environment): FastifyAdapter {
  return new FastifyAdapter({
    ...timeouts(env.HTTP_REQUEST_TIMEOUT_MS),
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
    bodyLimit: env.HTTP_BODY_LIMIT,
    // Behind a load balancer, request.ip (rate limits, sign-in throttling, audit) comes from
    // X-Forwarded-For, believed only as far as TRUST_PROXY says.
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => resolveRequestId(req.headers['x-request-id']),
    // Idle keep-alive sockets close at shutdown; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
}
