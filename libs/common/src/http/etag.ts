import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
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

/** The version from the request's If-Match header, or undefined when the client sent none. */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);

/** Throws 412 when the client's version is not the stored one. */
export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new PreconditionFailedError(expected, actual);
  }
}
