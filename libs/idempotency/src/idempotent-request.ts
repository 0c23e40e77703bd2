import type { AuthUser } from '@rct/auth';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1-255 visible ASCII characters (DESIGN "Integrations"). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const API_PREFIX = '/api/v1/';
const AUTH_PREFIX = '/api/v1/auth/';

/** A POST that honours Idempotency-Key: every one under /api/v1 but sign-in and the like. */
export function isIdempotentRoute(method: string, route: string): boolean {
  return method === 'POST' && route.startsWith(API_PREFIX) && !route.startsWith(AUTH_PREFIX);
}

/** A request sent with an Idempotency-Key: who sent it, the key, and what it asked for. */
export interface IdempotentRequest {
  principalId: string;
  key: string;
  fingerprint: string;
}

/** The header's value if it is one; undefined if absent; null if malformed. */
export function idempotencyKeyOf(
  request: Pick<FastifyRequest, 'headers'>,
): string | null | undefined {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  return typeof value === 'string' && KEY_PATTERN.test(value) ? value : null;
}

/**
 * SHA-256 of the method, the path (without the query) and the JSON body as it arrived, parsed
 * and written again: the same request retried gives the same fingerprint.
 */
export function fingerprintOf(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  const path = request.url.split('?')[0];
  return createHash('sha256')
    .update(`${request.method}\n${path}\n${JSON.stringify(request.body ?? null)}`, 'utf8')
    .digest('hex');
}

/** The principal a key is scoped to: the API key the request was made with, else its user. */
export function principalOf(user: AuthUser | undefined): string | undefined {
  return user?.apiKeyId ?? user?.id;
}
