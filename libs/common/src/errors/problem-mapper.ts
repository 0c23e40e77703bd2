import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError } from './domain-error';
import { FieldError, ProblemDetails, problemType } from './problem-details';

/** The request facts a problem needs; kept small so the mapper stays framework-free. */
export interface ProblemRequest {
  url: string;
  requestId: string;
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'unprocessable-entity',
  428: 'precondition-required',
  429: 'too-many-requests',
  431: 'request-header-fields-too-large',
  500: 'internal-error',
  503: 'service-unavailable',
};

/** PostgreSQL SQLSTATEs that a request can cause; anything else is the server's fault. */
const PG_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': {
    status: 409,
    code: 'conflict',
    detail: 'A resource with the same unique value exists.',
  },
  '23514': {
    status: 422,
    code: 'unprocessable-entity',
    detail: 'A value is outside its allowed range.',
  },
  '22P02': { status: 400, code: 'bad-request', detail: 'A value has an invalid format.' },
  '22001': { status: 400, code: 'bad-request', detail: 'A value is too long.' },
  '22003': { status: 400, code: 'bad-request', detail: 'A number is out of range.' },
  '40001': {
    status: 409,
    code: 'conflict',
    detail: 'The change conflicted with a concurrent change; retry it.',
  },
  '40P01': {
    status: 409,
    code: 'conflict',
    detail: 'The change conflicted with a concurrent change; retry it.',
  },
};

export const GENERIC_SERVER_ERROR =
  'An unexpected error occurred. Quote the requestId when reporting it.';

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function codeForStatus(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
}

function build(
  request: ProblemRequest,
  status: number,
  code: string,
  detail: string,
  title = statusTitle(status),
  errors?: FieldError[],
): ProblemDetails {
  return {
    type: problemType(code),
    title,
    status,
    detail,
    instance: request.url,
    requestId: request.requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

/** Fastify's own errors (body parsing, limits, media types) carry a statusCode and an FST code. */
function isFastifyClientError(
  error: unknown,
): error is Error & { statusCode: number; code: string } {
  const candidate = error as { statusCode?: unknown; code?: unknown };
  return (
    error instanceof Error &&
    typeof candidate.statusCode === 'number' &&
    candidate.statusCode >= 400 &&
    candidate.statusCode < 500 &&
    typeof candidate.code === 'string' &&
    candidate.code.startsWith('FST_')
  );
}

function postgresErrorCode(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  const code = driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const camelCase = (column: string): string =>
  column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

function driverField(error: unknown, name: 'table' | 'detail' | 'column'): string | undefined {
  const source = (error as { driverError?: Record<string, unknown> }).driverError ?? error;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A foreign key violation is either a delete of something still referenced (409, naming what
 * refers to it) or a write naming something that does not exist (422).
 */
function foreignKeyProblem(error: unknown, request: ProblemRequest): ProblemDetails {
  const detail = driverField(error, 'detail') ?? '';
  const referencing = driverField(error, 'table');
  if (/is (still )?referenced/.test(detail) && referencing) {
    const what = referencing.replace(/_/g, ' ');
    return build(
      request,
      409,
      'conflict',
      `It is still referenced by ${what}; delete or move those first.`,
    );
  }
  const column = /^Key \((\w+)\)/.exec(detail)?.[1];
  const field = column ? camelCase(column) : undefined;
  return build(
    request,
    422,
    'unprocessable-entity',
    field
      ? `${field} does not name an existing resource.`
      : 'A referenced resource does not exist.',
    undefined,
    field ? [{ field, message: `${field} does not name an existing resource` }] : undefined,
  );
}

/** A required value sent as null (PATCH with `{"title": null}`): the client's mistake. */
function notNullProblem(error: unknown, request: ProblemRequest): ProblemDetails {
  const column = driverField(error, 'column');
  const field = column ? camelCase(column) : 'body';
  return build(request, 400, 'validation-failed', `${field} must not be null.`, undefined, [
    { field, message: `${field} must not be null` },
  ]);
}

/**
 * Turns anything thrown while serving a request into problem details. Only errors known to be
 * the client's keep their message; everything else gets a generic detail, never internals.
 */
export function toProblem(error: unknown, request: ProblemRequest): ProblemDetails {
  if (error instanceof DomainError) {
    return build(request, error.status, error.code, error.message, error.title, error.errors);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const detail =
      status >= 500 && status !== 503 ? GENERIC_SERVER_ERROR : httpExceptionDetail(error);
    return build(request, status, codeForStatus(status), detail);
  }
  if (isFastifyClientError(error)) {
    return build(request, error.statusCode, codeForStatus(error.statusCode), error.message);
  }
  const pgCode = postgresErrorCode(error);
  // PostgreSQL 18 reports a RESTRICT violation as 23001, earlier versions as 23503.
  if (pgCode === '23503' || pgCode === '23001') return foreignKeyProblem(error, request);
  if (pgCode === '23502') return notNullProblem(error, request);
  const known = pgCode ? PG_ERRORS[pgCode] : undefined;
  if (known) {
    return build(request, known.status, known.code, known.detail);
  }
  return build(request, 500, 'internal-error', GENERIC_SERVER_ERROR);
}
