import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Swagger UI needs inline styles and data: images; everything else stays locked down. */
export const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      // Served over plain HTTP on laptops; TLS is the proxy's job in production.
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * The headers helmet sets, recorded once. With no per-request directives (no nonces) they are
 * the same on every response, so each request copies a ready object instead of running
 * helmet's twelve middlewares.
 */
export function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name] = String(value);
    },
    // Only X-Powered-By, which Fastify never sets.
    removeHeader: () => undefined,
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw new Error('helmet refused its options', { cause: error });
  });
  return headers;
}

/** Helmet's headers on every response, error responses included. */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const headers = helmetHeaders();
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
