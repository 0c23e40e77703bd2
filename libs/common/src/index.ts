export {
  ConflictError,
  DomainError,
  ForbiddenError,
  keepsWrites,
  NotFoundError,
  orNotFound,
  PreconditionFailedError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableError,
  ValidationFailedError,
} from './errors/domain-error';
export { PROBLEM_JSON } from './errors/problem-details';
export { codeForStatus, PROBLEM_TYPES, problemType } from './errors/problem-types';
export type { ProblemCode, ProblemTypeInfo } from './errors/problem-types';
export {
  ApiProblemResponses,
  FRAMEWORK_PROBLEMS,
  PROBLEM_DESCRIPTIONS,
  problemResponse,
} from './errors/api-problem-responses.decorator';
export type { ProblemResponse, ProblemStatus } from './errors/api-problem-responses.decorator';
export { FieldErrorDto, ProblemDetailsDto } from './errors/problem-details.dto';
export { ProblemObserver } from './errors/problem-observer';
export type { FieldError, ProblemDetails } from './errors/problem-details';
export { GENERIC_SERVER_ERROR, statusTitle, toProblem } from './errors/problem-mapper';
export {
  logIfServerFault,
  problemFor,
  ProblemDetailsFilter,
  sendProblem,
} from './errors/problem-details.filter';
export { assertVersion, etagOf, IfMatch, parseIfMatch } from './http/etag';
export { registerEtagHeader } from './http/etag-header';
export { ApiVersionedResponse, ETAG_HEADER } from './http/api-versioned-response.decorator';
export { REQUEST_ID_HEADER, resolveRequestId } from './http/request-id';
export { UuidParam } from './http/uuid-param.decorator';
export { presentsCredentials } from './http/presents-credentials';
export {
  DEFAULT_PAGE_LIMIT,
  LimitQueryDto,
  MAX_PAGE_LIMIT,
  PageQueryDto,
} from './pagination/page-query.dto';
export { PageOf, toPage } from './pagination/page';
export type { Page } from './pagination/page';
export { parseSort, sortValues } from './pagination/sort';
export type { SortOrder } from './pagination/sort';
export { LruMap } from './cache/lru-map';
export { mapOnce } from './cache/map-once';
export { createValidationPipe, flattenValidationErrors } from './validation/validation-pipe';
export { NormalizeEmail, ToBoolean, Trim } from './validation/transforms';
export { UpdateType } from './validation/update-type';
export { UnsupportedMediaTypeError } from './errors/domain-error';
export { MAX_JSON_DEPTH, registerJsonBodies } from './hardening/json-body';
export { registerInputGuard } from './hardening/input-guard';
export {
  answerClientError,
  clientErrorProblem,
  sendFrameworkProblem,
} from './hardening/framework-errors';
export { IsDateTime, parseDateTime } from './validation/date-time';
export { ToInteger } from './validation/integer-query';
export { NoStore, SECRET_IN_RESPONSE } from './http/no-store.decorator';
export { AuditedAs, declaredAudit } from './http/audited-as.decorator';
export type { DeclaredAudit } from './http/audited-as.decorator';
export {
  ED25519,
  ed25519KeyId,
  parseEd25519PrivateKey,
  parseEd25519PublicKey,
  publicKeyPem,
  rawEd25519PublicKey,
} from './crypto/ed25519-key';
export {
  attachment,
  CSV,
  EXPORT_CONTENT_TYPES,
  exportFileName,
  NDJSON,
  ndjsonLine,
} from './export/export-file';
export { csvCell, csvRecord } from './export/csv';
export { jsonString } from './export/json-string';
export { EXPORT_EXTENSIONS, ExportFormat, ExportFormatQueryDto } from './export/export-format';
export { ApiExport } from './export/api-export.decorator';
