import { HttpStatus } from '@nestjs/common';
import { FieldError } from './problem-details';

/**
 * Base class for every error a service throws on purpose. The problem+json filter maps it to a
 * response from its status and code; services never build HTTP responses themselves.
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  /** Stable, kebab-case machine code; becomes the problem `type`. */
  abstract readonly code: string;
  /** Short, human summary of the problem type. */
  abstract readonly title: string;
  readonly errors?: FieldError[];

  constructor(detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    this.errors = errors;
  }
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
