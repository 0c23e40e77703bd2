import { UserRole } from '@rct/auth';
import {
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationFailedError,
} from '@rct/common';

export class ApiKeyNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No API key with id ${id}.`);
  }
}

/** A key may not be worth more than its owner. */
export class ApiKeyRoleTooHighError extends ForbiddenError {
  constructor(role: UserRole, ownerRole: UserRole) {
    super(`A key cannot have the role ${role}: its owner's role is ${ownerRole}.`);
  }
}

export class OtherUsersKeysError extends ForbiddenError {
  constructor() {
    super("Only admins may create or list other users' API keys.");
  }
}

export class ApiKeyExpiryError extends ValidationFailedError {
  constructor(maxDays: number) {
    super([
      {
        field: 'expiresAt',
        message: `expiresAt must be in the future and at most ${maxDays} days ahead`,
      },
    ]);
  }
}

export class UnknownKeyOwnerError extends UnprocessableError {
  constructor() {
    super('userId does not name an existing, active user.', [
      { field: 'userId', message: 'userId must name an active user' },
    ]);
  }
}
