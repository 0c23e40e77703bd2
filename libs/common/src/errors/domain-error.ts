import { HttpStatus } from '@nestjs/common';
import { FieldError } from './problem-details';
import { ProblemCode } from './problem-types';

/**
 * Base class for every error a service throws on purpose. The problem+json filter maps it to a
 * response from its status and code; services never build HTTP responses themselves.
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  /** Stable machine code from the problem-type catalogue; becomes the problem `type`. */
  abstract readonly code: ProblemCode;
  /** Short, human summary of the problem type. */
  abstract readonly title: string;
  readonly errors?: FieldError[];
  /** Response headers the problem needs (`Retry-After`, ...). */
  readonly headers: Record<string, string> = {};
  /**
   * True for failures whose side effects must survive the failed request, such as revoking a
   * refresh token family on reuse: the request's transaction commits, then the error is sent.
   */
  readonly keepsWrites: boolean = false;

  constructor(detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
  }
}

export function keepsWrites(error: unknown): boolean {
  return error instanceof DomainError && error.keepsWrites;
}

export class NotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  readonly code = 'not-found';
  readonly title = 'Resource not found';
}

export class ConflictError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  readonly code = 'conflict';
  readonly title = 'Conflict with the current state';
}

export class ValidationFailedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly code = 'validation-failed';
  readonly title = 'Request validation failed';

  constructor(errors: FieldError[]) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '), errors);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  readonly code = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  readonly code = 'forbidden';
  readonly title = 'Not allowed';
}

export class UnprocessableError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  readonly code = 'unprocessable-entity';
  readonly title = 'The request cannot be applied';
}

export class PreconditionFailedError extends DomainError {
  readonly status = HttpStatus.PRECONDITION_FAILED;
  readonly code = 'precondition-failed';
  readonly title = 'The resource has changed';

  constructor(expected: number, actual: number) {
    super(
      `If-Match names version ${expected} but the resource is at version ${actual}; fetch it again and retry.`,
    );
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  readonly code = 'too-many-requests';
  readonly title = 'Too many requests';

  constructor(detail: string, retryAfterSeconds: number) {
    super(detail);
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

/** The value, or the error for its absence (a repository's null becomes the domain's 404). */
export function orNotFound<T>(value: T | null | undefined, notFound: () => Error): T {
  if (value === null || value === undefined) throw notFound();
  return value;
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  readonly code = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}
