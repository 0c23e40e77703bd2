import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Honours a caller's X-Request-Id when it is safe to log and echo (1-128 chars of
 * `[A-Za-z0-9._-]`); anything else, including a repeated header, gets a fresh UUID.
 */
export function resolveRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
}
