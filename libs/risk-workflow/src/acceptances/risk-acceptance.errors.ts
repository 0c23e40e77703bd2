import { ConflictError, DomainError, NotFoundError, ValidationFailedError } from '@rct/common';
import { HttpStatus } from '@nestjs/common';

export class RiskAcceptanceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No risk acceptance with id ${id}.`);
  }
}

/** The risk already has a requested or approved acceptance. */
export class OpenAcceptanceExistsError extends ConflictError {
  constructor(riskId: string) {
    super(
      `Risk ${riskId} already has a requested or approved acceptance; revoke it or let it end first.`,
    );
  }
}

/** Decision or revocation of an acceptance that is not in a state that allows it. */
export class AcceptanceStateError extends ConflictError {}

/** The requester or the risk's owner tried to decide or revoke. */
export class SeparationOfDutiesError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  readonly code = 'separation-of-duties';
  readonly title = 'Separation of duties';
}

export class AcceptanceExpiryError extends ValidationFailedError {
  constructor(message: string) {
    super([{ field: 'expiresAt', message }]);
  }
}
