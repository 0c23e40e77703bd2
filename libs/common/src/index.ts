export {
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationFailedError,
} from './errors/domain-error';
export { PROBLEM_JSON, problemType } from './errors/problem-details';
export type { FieldError, ProblemDetails } from './errors/problem-details';
export { GENERIC_SERVER_ERROR, statusTitle, toProblem } from './errors/problem-mapper';
export {
  logIfServerFault,
  problemFor,
  ProblemDetailsFilter,
  sendProblem,
} from './errors/problem-details.filter';
export { REQUEST_ID_HEADER, resolveRequestId } from './http/request-id';
export { createValidationPipe, flattenValidationErrors } from './validation/validation-pipe';
