import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '../errors/domain-error';
import { FieldError } from '../errors/problem-details';

/**
 * The path of the first string (value or key) that PostgreSQL cannot store or UTF-8 cannot
 * encode: a NUL character or an unpaired UTF-16 surrogate. Walks iteratively, so nesting
 * cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (!storable(current)) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!storable(key)) return path || 'body';
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/** A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function storable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * Refuses, with 400 naming the field, any request whose path parameters, query or body carry
 * text the database cannot store, before any route or guard sees it.
 */
export function registerTextGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const field =
      findUnstorableText(request.params, '') ??
      findUnstorableText(request.query, '') ??
      findUnstorableText(request.body, '');
    if (field === undefined) {
      done();
      return;
    }
    const name = field || 'body';
    const error: FieldError = {
      field: name,
      message: `${name} must not contain NUL characters or unpaired UTF-16 surrogates`,
    };
    done(new ValidationFailedError([error]));
  });
}
