import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_JSON } from './problem-details';
import { PROBLEM_TYPES, ProblemCode } from './problem-types';
import { ProblemDetailsDto } from './problem-details.dto';

/** Error statuses this API answers with, each as `application/problem+json`. */
export type ProblemStatus = (typeof PROBLEM_TYPES)[ProblemCode]['status'];

/** An error status with what it means on one operation. */
export interface ProblemResponse {
  status: ProblemStatus;
  description: string;
}

/** What each status means when an operation says no more about it. */
export const PROBLEM_DESCRIPTIONS: Readonly<Record<ProblemStatus, string>> = {
  400: 'The request is invalid: `errors` names each offending field.',
  401: 'No valid access token.',
  403: 'Your role may not do this.',
  404: 'No such resource.',
  405: 'The path exists but not with this method.',
  406: 'The Accept header asks for a media type this operation cannot give.',
  408: "The request did not arrive in full within the server's timeout; the connection is closed.",
  409: 'The request conflicts with the current state.',
  412: 'If-Match names an older version: fetch the resource again and retry.',
  413: 'The request body is too large.',
  414: 'The URL or a path parameter is too long.',
  415: 'The request body has an unsupported media type.',
  422: 'The request is well-formed but names something that does not exist or is not allowed.',
  428: 'The operation needs an If-Match header.',
  429: 'Too many requests: wait as long as Retry-After says.',
  431: 'The request headers are too large (over 16 KB); the connection is closed.',
  500: 'An unexpected error; quote the requestId when reporting it.',
  503: 'The service is temporarily unavailable.',
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 1, example: 60 },
  },
  RateLimit: {
    description:
      'What is left of the rate limit that applied (IETF draft-ietf-httpapi-ratelimit-headers): `r` requests for `t` seconds. Absent on sign-in throttling.',
    schema: { type: 'string', example: '"anonymous";r=0;t=42' },
  },
  'RateLimit-Policy': {
    description: 'The rate limit that applied: `q` requests per `w` seconds.',
    schema: { type: 'string', example: '"anonymous";q=120;w=60' },
  },
};

/**
 * Statuses any operation can answer before its route runs: Fastify's router (a malformed URL:
 * 400, an over-long path parameter: 414) and Node's HTTP parser (timeouts: 408, oversized
 * headers: 431). Documented on every operation.
 */
export const FRAMEWORK_PROBLEMS: readonly ProblemResponse[] = [
  { status: 400, description: 'The request is invalid: a malformed URL, query or body.' },
  { status: 408, description: PROBLEM_DESCRIPTIONS[408] },
  { status: 414, description: PROBLEM_DESCRIPTIONS[414] },
  { status: 431, description: PROBLEM_DESCRIPTIONS[431] },
];

/** The OpenAPI response object of one problem status; also used for the global 500. */
export function problemResponse(problem: ProblemStatus | ProblemResponse) {
  const { status, description } =
    typeof problem === 'number'
      ? { status: problem, description: PROBLEM_DESCRIPTIONS[problem] }
      : problem;
  return {
    status,
    description,
    content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    ...(status === 429 ? { headers: RETRY_AFTER } : {}),
  };
}

/**
 * Documents error responses, all with the one shared `ProblemDetails` schema. Give a status
 * alone for its generic meaning, or `{status, description}` to say what it means here.
 */
export function ApiProblemResponses(
  ...problems: (ProblemStatus | ProblemResponse)[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...problems.map((problem) => ApiResponse(problemResponse(problem))),
  );
}
