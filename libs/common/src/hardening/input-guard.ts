import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';
import { FieldError } from '../errors/problem-details';

/**
 * The path of the first value no column can hold: a string (value or key) with a NUL character
 * or an unpaired UTF-16 surrogate, which PostgreSQL and UTF-8 refuse, or a number beyond the
 * safe-integer range, which loses precision. Walks iteratively, so nesting cannot exhaust the
 * stack.
 */
export function findUnstorableValue(value: unknown): FieldError | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    const field = path || 'body';
    if (typeof current === 'string') {
      if (!storable(current)) return { field, message: `${field} ${BAD_TEXT}` };
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current) || Math.abs(current) > Number.MAX_SAFE_INTEGER) {
        return { field, message: `${field} must be within ±${Number.MAX_SAFE_INTEGER}` };
      }
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (!storable(key)) return { field, message: `${field} has a field name that ${BAD_TEXT}` };
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}

const BAD_TEXT = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function storable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * Refuses, with 400 naming the field, any request whose path parameters, query or body carry
 * text the database cannot store, before any route or guard sees it.
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const error =
      findUnstorableValue(request.params) ??
      findUnstorableValue(request.query) ??
      findUnstorableValue(request.body);
    done(error ? new ValidationFailedError([error]) : undefined);
  });
}
