import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { PreconditionFailedError, ValidationFailedError } from '../errors/domain-error';

/** Strong ETag of a resource version: `"7"`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

const ENTITY_TAG = /^(?:W\/)?"(\d{1,15})"$/;

/**
 * Parses an If-Match header into the version the client last saw. Absent or `*` means the
 * client asks for no check; anything that is not one of our ETags is a 400.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const match = ENTITY_TAG.exec(value);
  if (!match) {
    throw new ValidationFailedError([
      { field: 'If-Match', message: 'If-Match must be one ETag as sent by this API, such as "3"' },
    ]);
  }
  return Number(match[1]);
}

/** Documents, on the handler taking `@IfMatch()`, the optional header and its 412. */
function documentIfMatch(target: object, key: string | symbol | undefined): void {
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) return;
  const decorators = [
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The ETag of the version you last read. When it is stale the request is refused ' +
        'with 412 and nothing changes; leave it out (or send `*`) to skip the check.',
      schema: { type: 'string', example: '"3"' },
    }),
    ApiProblemResponses(412),
  ];
  for (const decorate of decorators) decorate(target, key as string | symbol, descriptor);
}

/**
 * The version from the request's If-Match header, or undefined when the client sent none. Also
 * documents the header and the 412 in OpenAPI, so the spec lists exactly the routes that honour
 * it.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
  [documentIfMatch],
);

/** Throws 412 when the client's version is not the stored one. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new PreconditionFailedError(expected, actual);
  }
}
