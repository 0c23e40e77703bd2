import { ConflictError, NotFoundError, UnprocessableError } from '@rct/common';

export class ControlNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No control with id ${id}.`);
  }
}

export class ControlCodeTakenError extends ConflictError {
  constructor(code: string) {
    super(`A control with code ${code} already exists.`, [
      { field: 'code', message: `code ${code} is already used by another control` },
    ]);
  }
}

/** Evidence names a control that does not exist. */
export class UnknownControlError extends UnprocessableError {
  constructor(field = 'controlId') {
    super(`${field} does not name an existing control.`, [
      { field, message: `${field} does not name an existing control` },
    ]);
  }
}
