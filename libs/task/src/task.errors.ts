import { ForbiddenError, NotFoundError } from '@rct/common';

export class TaskNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No task with id ${id}.`);
  }
}

export class TaskUpdateNotAllowedError extends ForbiddenError {
  constructor() {
    super('Only admins, managers and analysts may update tasks.');
  }
}

/** An analyst may move the status of tasks assigned to themself, and change nothing else. */
export class TaskNotAssignedToYouError extends ForbiddenError {
  constructor() {
    super('Analysts may update only tasks assigned to themselves.');
  }
}

export class TaskFieldsForbiddenError extends ForbiddenError {
  constructor(fields: string[]) {
    super(`Analysts may change only the status of a task, not ${fields.join(', ')}.`);
  }
}
