import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { UnsupportedMediaTypeError, ValidationFailedError } from '../errors/domain-error';

/** Deepest nesting a JSON body may have; validation recurses per level, so it is bounded. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether JSON text nests arrays or objects deeper than `max`, found by scanning the text (no
 * parse, no recursion), so a 2,000-level body costs one pass and no stack.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** The charset parameter of a Content-Type header, lower-cased; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toLowerCase();
}

const UTF8 = new Set(['utf-8', 'utf8']);
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies are read as UTF-8 only (RFC 8259): another declared charset is 415, not misread.
 * Nesting is capped before parsing. text/plain and form bodies get no parser, so Fastify
 * answers 415 for them instead of handing a string to a route that expects an object.
 */
export function registerJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser(
    'application/json',
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (
      request: FastifyRequest,
      body: Buffer,
      done: (error: Error | null, body?: unknown) => void,
    ) => {
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && !UTF8.has(charset)) {
        done(new UnsupportedMediaTypeError(`JSON bodies must be UTF-8, not ${charset}.`));
        return;
      }
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(invalid('body must be valid UTF-8'));
        return;
      }
      if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
        done(invalid(`body must not nest deeper than ${MAX_JSON_DEPTH} levels`));
        return;
      }
      void parseJson(request, text, done);
    },
  );
}

function invalid(message: string): ValidationFailedError {
  return new ValidationFailedError([{ field: 'body', message }]);
}
