import { HttpStatus } from '@nestjs/common';
import { DomainError, ValidationFailedError } from '@rct/common';
import { IDEMPOTENCY_KEY_HEADER } from './idempotent-request';

export class InvalidIdempotencyKeyError extends ValidationFailedError {
  constructor() {
    super([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters`,
      },
    ]);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  readonly code = 'idempotency-key-reused';
  readonly title = 'The Idempotency-Key was used for another request';

  constructor(key: string) {
    super(
      `Idempotency-Key "${key}" was used for a different request (method, path or body); send a new key.`,
    );
  }
}

export class IdempotencyKeyInFlightError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  readonly code = 'idempotency-key-in-flight';
  readonly title = 'A request with this Idempotency-Key is still running';

  constructor(key: string) {
    super(
      `A request with Idempotency-Key "${key}" is still being processed; retry when it has finished.`,
    );
  }
}
