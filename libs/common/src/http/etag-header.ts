import type { FastifyInstance } from 'fastify';
import { etagOf } from './etag';

function versionOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' ? version : undefined;
}

/**
 * Every single-resource response (a body with a numeric `version`) carries its ETag. A Fastify
 * hook on the body about to be serialised, not a Nest interceptor: an interceptor wraps every
 * request, reads included, in one more rxjs pipeline.
 */
export function registerEtagHeader(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    const version = versionOf(payload);
    if (version !== undefined) void reply.header('ETag', etagOf(version));
    done(null, payload);
  });
}
