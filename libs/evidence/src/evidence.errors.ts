import { HttpStatus } from '@nestjs/common';
import { DomainError, ForbiddenError, NotFoundError, ValidationFailedError } from '@rct/common';

export class EvidenceNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No evidence with id ${id}.`);
  }
}

export class EvidenceFileNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`Evidence ${id} has no uploaded file.`);
  }
}

/** An analyst touching evidence that is not theirs, or no longer pending review. */
export class EvidenceChangeForbiddenError extends ForbiddenError {}

export class EvidenceValidityWindowError extends ValidationFailedError {
  constructor() {
    super([{ field: 'validUntil', message: 'validUntil must not be before collectedAt' }]);
  }
}

export class EvidenceFileTooLargeError extends DomainError {
  readonly status = HttpStatus.PAYLOAD_TOO_LARGE;
  readonly code = 'evidence-file-too-large';
  readonly title = 'The file is too large';

  constructor(maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes; nothing was stored.`, [
      { field: 'file', message: `file must not be larger than ${maxBytes} bytes` },
    ]);
  }
}

export class NotMultipartError extends DomainError {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  readonly code = 'unsupported-media-type';
  readonly title = 'Unsupported media type';

  constructor(field: string) {
    super(`Send the file as multipart/form-data, in a part named "${field}".`);
  }
}

/** The multipart body is malformed, has no file, or sends it under another name. */
export class InvalidUploadError extends ValidationFailedError {
  constructor(field: string, message: string) {
    super([{ field, message }]);
  }
}

/**
 * The stored bytes no longer hash to the sha256 recorded at upload: the database was changed
 * behind the API's back, or storage failed. The file is withheld rather than served.
 */
export class EvidenceFileCorruptedError extends DomainError {
  readonly status = HttpStatus.INTERNAL_SERVER_ERROR;
  readonly code = 'evidence-file-corrupted';
  readonly title = 'The stored file is corrupted';

  constructor(id: string) {
    super(
      `The stored file of evidence ${id} no longer matches the sha256 recorded at upload, so it ` +
        'was not sent. Upload it again, and report the requestId to an administrator.',
    );
  }
}
