import { ConflictError, NotFoundError, ValidationFailedError } from '@rct/common';

export class WebhookNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No webhook with id ${id}.`);
  }
}

/** The URL is not an allowed target (scheme, or an address the SSRF guard refuses). */
export class WebhookTargetRefusedError extends ValidationFailedError {
  constructor(message: string) {
    super([{ field: 'url', message }]);
  }
}

export class WebhookInactiveError extends ConflictError {
  constructor(id: string) {
    super(`Webhook ${id} is not active; set active to true first.`);
  }
}
