import type { FastifyInstance } from 'fastify';
import { etagOf } from './etag';

function versionOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' ? version : undefined;
}

function describesThePast(query: unknown): boolean {
  return typeof query === 'object' && query !== null && 'asOf' in query;
}

/**
 * Every single-resource response (a body with a numeric `version`) carries its ETag. A Fastify
 * hook on the body about to be serialised, not a Nest interceptor: an interceptor wraps every
 * request, reads included, in one more rxjs pipeline.
 */
export function registerEtagHeader(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, reply, payload, done) => {
    const version = versionOf(payload);
    // A record as of a past instant is no version a write could name in If-Match.
    if (version !== undefined && !describesThePast(request.query)) {
      void reply.header('ETag', etagOf(version));
    }
    done(null, payload);
  });
}
