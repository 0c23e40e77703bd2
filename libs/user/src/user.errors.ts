import { ConflictError, NotFoundError } from '@rct/common';

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
