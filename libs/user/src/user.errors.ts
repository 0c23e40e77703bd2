import { ConflictError, NotFoundError, ValidationFailedError } from '@rct/common';

export class UserNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No user with id ${id}.`);
  }
}

export class EmailTakenError extends ConflictError {
  constructor(email: string) {
    super(`A user with e-mail ${email} already exists.`);
  }
}

export class LastAdminError extends ConflictError {
  constructor() {
    super('This is the last active admin: promote another user to admin first.');
  }
}

export class ServicePasswordError extends ValidationFailedError {
  constructor() {
    super([{ field: 'password', message: 'password must not be given for a service account' }]);
  }
}

export class ServiceAccountPasswordError extends ConflictError {
  constructor(id: string) {
    super(`User ${id} is a service account: it has no password and signs in only with API keys.`);
  }
}
