/** One invalid input field, named by its path in the request (`body.likelihood`, `limit`). */
export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every error response of this API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export const PROBLEM_JSON = 'application/problem+json';
