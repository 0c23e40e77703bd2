/**
 * Every problem `type` this API answers with, in one place: the filter, the domain errors, the
 * handlers of Fastify's own errors and the OpenAPI spec all take their codes from here, so a
 * client can switch on a `type` the spec lists and no two parts spell one differently.
 * A code, once published, keeps its meaning for good.
 */
export interface ProblemTypeInfo {
  status: number;
  title: string;
  /** When a client sees it; shown in the spec. */
  description: string;
  /** A realistic `detail`, used for the spec's examples. */
  exampleDetail: string;
}

export const PROBLEM_TYPES = {
  'validation-failed': {
    status: 400,
    title: 'Request validation failed',
    description: 'A field, query or path parameter is invalid; `errors` names each one.',
    exampleDetail: 'likelihood: likelihood must not be greater than 5',
  },
  'bad-request': {
    status: 400,
    title: 'Bad Request',
    description: 'The request cannot be read: malformed JSON, URL encoding or a value format.',
    exampleDetail: "Body is not valid JSON but content-type is set to 'application/json'",
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    description: 'No valid access token or API key, or wrong sign-in credentials.',
    exampleDetail: 'The access token is missing, expired or revoked; sign in again.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    description: 'Your role, or your relation to the resource, does not allow this.',
    exampleDetail: 'This action needs one of the roles: admin, manager.',
  },
  'separation-of-duties': {
    status: 403,
    title: 'Separation of duties',
    description:
      "A risk acceptance is decided or revoked by its requester or the risk's owner; another admin or manager must do it.",
    exampleDetail: 'You requested this acceptance; another admin or manager must decide it.',
  },
  'not-found': {
    status: 404,
    title: 'Resource not found',
    description: 'No resource has this id (or no route this path).',
    exampleDetail: 'No risk with id 0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    description: 'The path exists but not with this method.',
    exampleDetail: 'Method PUT is not allowed on this route.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not Acceptable',
    description: 'The Accept header asks for a media type this operation cannot give.',
    exampleDetail: 'This operation answers application/json only.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request Timeout',
    description: 'The request did not arrive whole within HTTP_REQUEST_TIMEOUT_MS.',
    exampleDetail: 'The request did not arrive in time; the connection is closed.',
  },
  conflict: {
    status: 409,
    title: 'Conflict with the current state',
    description: 'A unique value is taken, children still exist, or a concurrent change won.',
    exampleDetail: 'It is still referenced by controls; delete or move those first.',
  },
  'precondition-failed': {
    status: 412,
    title: 'The resource has changed',
    description: 'If-Match names an older version: fetch the resource again and retry.',
    exampleDetail:
      'If-Match names version 2 but the resource is at version 3; fetch it again and retry.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload Too Large',
    description: 'The request body is larger than HTTP_BODY_LIMIT.',
    exampleDetail: 'Request body is too large',
  },
  'evidence-file-too-large': {
    status: 413,
    title: 'The file is too large',
    description: 'An evidence upload is larger than EVIDENCE_MAX_FILE_BYTES; nothing is stored.',
    exampleDetail: 'The file is larger than the limit of 10485760 bytes; nothing was stored.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI Too Long',
    description: 'The URL, or one of its path parameters, is longer than the server accepts.',
    exampleDetail: 'A path parameter is longer than 100 characters.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description: 'The body is not of a media type (or charset) this operation takes.',
    exampleDetail: 'Send the body as application/json (UTF-8).',
  },
  'unprocessable-entity': {
    status: 422,
    title: 'The request cannot be applied',
    description: 'An id in the body names no existing (or no active) record.',
    exampleDetail: 'ownerId does not name an existing, active user.',
  },
  'precondition-required': {
    status: 428,
    title: 'Precondition Required',
    description: 'The operation needs an If-Match header.',
    exampleDetail: 'Send If-Match with the ETag you read.',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests',
    description: 'A rate limit is reached: wait as long as Retry-After says.',
    exampleDetail: 'Too many failed sign-ins; try again in 900 seconds.',
  },
  'request-header-fields-too-large': {
    status: 431,
    title: 'Request Header Fields Too Large',
    description: 'The request headers are larger than the server accepts.',
    exampleDetail: 'The request headers are too large.',
  },
  'internal-error': {
    status: 500,
    title: 'Internal Server Error',
    description: 'An unexpected error; quote the requestId when reporting it.',
    exampleDetail: 'An unexpected error occurred. Quote the requestId when reporting it.',
  },
  'evidence-file-corrupted': {
    status: 500,
    title: 'The stored file is corrupted',
    description: 'A stored evidence file no longer matches its sha256; it is withheld.',
    exampleDetail:
      'The stored file of evidence 0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21 no longer matches the ' +
      'sha256 recorded at upload, so it was not sent.',
  },
  'service-unavailable': {
    status: 503,
    title: 'Service Unavailable',
    description: 'The database does not answer, or the server is shutting down.',
    exampleDetail: 'The database did not answer in time.',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was used for another request',
    description:
      'The Idempotency-Key was sent before with another method, path or body; use a new key.',
    exampleDetail:
      'Idempotency-Key "order-42" was used for a different request (method, path or body); send a new key.',
  },
  'idempotency-key-in-flight': {
    status: 409,
    title: 'A request with this Idempotency-Key is still running',
    description: 'The first request with this Idempotency-Key has not finished; retry later.',
    exampleDetail:
      'A request with Idempotency-Key "order-42" is still being processed; retry when it has finished.',
  },
} as const satisfies Record<string, ProblemTypeInfo>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** Problem types are stable URNs: clients switch on them, they never change meaning. */
export function problemType(code: ProblemCode): string {
  return `urn:problem-type:rct:${code}`;
}

/** The code a bare HTTP status stands for, when nothing more specific is known. */
export function codeForStatus(status: number): ProblemCode {
  const primary = (Object.keys(PROBLEM_TYPES) as ProblemCode[]).find(
    (code) => PROBLEM_TYPES[code].status === status && code !== 'validation-failed',
  );
  return primary ?? (status >= 500 ? 'internal-error' : 'bad-request');
}
