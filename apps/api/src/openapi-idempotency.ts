import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { problemResponse, ProblemStatus, SECRET_IN_RESPONSE } from '@rct/common';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  isIdempotentRoute,
} from '@rct/idempotency';

const KEY_PARAMETER = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first 2xx answer is stored with the key (per user or API key) and sent again, with `Idempotent-Replayed: true`, to a repeat with the same body, which then writes and audits nothing. 1-255 visible ASCII characters; kept for IDEMPOTENCY_TTL seconds.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
  example: 'b3f1c0de-7a2e-4f57-9d1c-2b8e4a6f9c10',
};

const REPLAYED_HEADER = {
  description:
    'Present, `true`, when the answer is a replay of one stored under the Idempotency-Key.',
  schema: { type: 'string', enum: ['true'] },
};

const WHEN: Partial<Record<ProblemStatus, string>> = {
  400: 'The Idempotency-Key header is malformed.',
  409: 'A request with the same Idempotency-Key is still running.',
  422: 'The Idempotency-Key was used before with another method, path or body.',
};

/** Adds what Idempotency-Key means to an error status, beside what the operation says. */
function addProblem(operation: OperationObject, status: ProblemStatus): void {
  const existing = operation.responses[status] as ResponseObject | undefined;
  const when = WHEN[status]!;
  if (!existing) {
    const { content, description } = problemResponse({ status, description: when });
    operation.responses[status] = { content, description };
  } else if (!existing.description.includes(when)) {
    operation.responses[status] = {
      ...existing,
      description: `${existing.description} Or: ${when}`,
    };
  }
}

/**
 * Documents Idempotency-Key on every operation that honours it (isIdempotentRoute, the same
 * rule the server applies, less the answers that carry a secret): the header parameter, the replay header on its 2xx answers, and
 * the 409 and 422 it can cause.
 */
export function addIdempotencyDocs(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = item.post;
    if (!operation || !isIdempotentRoute('POST', path)) continue;
    // An answer with a secret is never stored, so the header means nothing there.
    if ((operation as unknown as Record<string, unknown>)[SECRET_IN_RESPONSE] === true) continue;
    operation.parameters = [...(operation.parameters ?? []), KEY_PARAMETER as never];
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!status.startsWith('2')) continue;
      const success = response as ResponseObject;
      operation.responses[status] = {
        ...success,
        headers: { ...success.headers, [IDEMPOTENT_REPLAYED_HEADER]: REPLAYED_HEADER },
      };
    }
    addProblem(operation, 400);
    addProblem(operation, 409);
    addProblem(operation, 422);
  }
}
