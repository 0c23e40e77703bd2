import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { FieldError, ProblemDetails } from './problem-details';
import { PROBLEM_TYPES, ProblemCode, problemType } from './problem-types';

const CODES = Object.keys(PROBLEM_TYPES) as ProblemCode[];

/** The catalogue as Markdown, so Swagger UI and SDK docs list every type a client may meet. */
const TYPE_LIST = CODES.map(
  (code) =>
    `- \`${problemType(code)}\` (${PROBLEM_TYPES[code].status}): ${PROBLEM_TYPES[code].description}`,
).join('\n');

@ApiSchema({ name: 'FieldError' })
export class FieldErrorDto implements FieldError {
  /** Path of the offending input: `likelihood`, `owner.email`, `If-Match`. */
  @ApiProperty({ example: 'likelihood' })
  field: string;

  @ApiProperty({ example: 'likelihood must not be greater than 5' })
  message: string;
}

/** RFC 9457 problem details: the body of every error response. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({
    enum: CODES.map(problemType),
    enumName: 'ProblemType',
    description: `Stable URN of the problem type; switch on it, not on \`title\` or \`detail\`:\n\n${TYPE_LIST}`,
    example: problemType('validation-failed'),
  })
  type: string;

  @ApiProperty({ example: 'Request validation failed' })
  title: string;

  /** The HTTP status code, repeated. */
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status: number;

  @ApiProperty({ example: 'likelihood: likelihood must not be greater than 5' })
  detail: string;

  /** The request path (with its query string) that caused the problem. */
  @ApiProperty({ example: '/api/v1/risks' })
  instance: string;

  /** Equals the X-Request-Id response header; quote it when reporting a problem. */
  @ApiProperty({ example: '3f6c2a0e-9a47-4c1b-8d0e-2b7f3c9d1a55' })
  requestId: string;

  /** One entry per invalid input field; present only on validation problems. */
  @ApiPropertyOptional({ type: FieldErrorDto, isArray: true })
  errors?: FieldErrorDto[];
}
