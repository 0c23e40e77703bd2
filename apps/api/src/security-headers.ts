import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's headers on every response. The middleware is built once: @fastify/helmet rebuilds
 * it (and re-parses the CSP) on every request, which cost more CPU than a primary-key read.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  const applyHeaders = helmet({
    // Swagger UI needs inline styles and data: images; everything else stays locked down.
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
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
