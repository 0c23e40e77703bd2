import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import {
  codeForStatus,
  FieldError,
  PROBLEM_DESCRIPTIONS,
  PROBLEM_JSON,
  PROBLEM_TYPES,
  ProblemCode,
  ProblemDetails,
  problemType,
} from '@rct/common';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const EXAMPLE_ID = '0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21';
const EXAMPLE_REQUEST_ID = '3f6c2a0e-9a47-4c1b-8d0e-2b7f3c9d1a55';

/** What an example needs to know about the operation it answers. */
interface OperationFacts {
  path: string;
  operation: OperationObject;
  document: OpenAPIObject;
}

function schemaOf(document: OpenAPIObject, schema: unknown): Json | undefined {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string') return schema as Json | undefined;
  return document.components?.schemas?.[ref.replace('#/components/schemas/', '')] as Json;
}

/** A field error as the validation pipe words it for a field of this schema. */
function fieldError(field: string, schema: Json | undefined): FieldError {
  if (schema?.type === 'integer' && typeof schema.maximum === 'number') {
    return { field, message: `${field} must not be greater than ${schema.maximum}` };
  }
  if (schema?.format === 'uuid') return { field, message: `${field} must be a UUID` };
  if (schema?.type === 'string') return { field, message: `${field} must be a string` };
  return { field, message: `${field} has an invalid value` };
}

/** The likeliest 400 of the operation: a body field, the page size, or a malformed id. */
function validationErrors({ operation, document }: OperationFacts): FieldError[] {
  const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> };
  const bodySchema = schemaOf(document, body?.content?.['application/json']?.schema);
  const properties = bodySchema?.properties as Record<string, Json> | undefined;
  if (properties) {
    const required = (bodySchema?.required as string[] | undefined) ?? [];
    const field = required[0] ?? Object.keys(properties)[0];
    return [fieldError(field, schemaOf(document, properties[field]))];
  }
  const parameters = (operation.parameters ?? []) as { name: string; schema?: Json }[];
  const param = parameters.find((p) => p.name === 'limit') ?? parameters[0];
  return param ? [fieldError(param.name, param.schema)] : [];
}

/** `risks` -> `risk`: the resource the path's id names, for a 404's wording. */
function resourceNoun(path: string): string {
  const segment = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? 'resource';
  const noun = segment.replace(/-/g, ' ');
  return noun.endsWith('s') ? noun.slice(0, -1) : noun;
}

function codeFor(status: number, path: string): ProblemCode {
  if (status === 400) return 'validation-failed';
  if (status === 413 && path.endsWith('/file')) return 'evidence-file-too-large';
  return codeForStatus(status);
}

function detailFor(status: number, code: ProblemCode, facts: OperationFacts, said: string) {
  if (status === 404) return `No ${resourceNoun(facts.path)} with id ${EXAMPLE_ID}.`;
  // An operation that says what a status means to it is the best source of a realistic detail.
  const generic = PROBLEM_DESCRIPTIONS[status as keyof typeof PROBLEM_DESCRIPTIONS];
  if (said && said !== generic && status !== 400) return said;
  return PROBLEM_TYPES[code].exampleDetail;
}

function exampleProblem(status: number, facts: OperationFacts, said: string) {
  const code = codeFor(status, facts.path);
  const errors = status === 400 ? validationErrors(facts) : [];
  const problem: ProblemDetails = {
    type: problemType(code),
    title: PROBLEM_TYPES[code].title,
    status,
    detail:
      errors.length > 0
        ? errors.map((error) => `${error.field}: ${error.message}`).join('; ')
        : detailFor(status, code, facts, said),
    instance: facts.path.replace(/\{[^}]+\}/g, EXAMPLE_ID),
    requestId: EXAMPLE_REQUEST_ID,
    ...(errors.length > 0 ? { errors } : {}),
  };
  return problem;
}

/**
 * Gives each problem response of each operation an example of its own: its status, its most
 * likely problem type, its path, and what the operation says the status means. Responses may
 * be shared between operations (the global 500), so each gets a copy.
 */
export function addProblemExamples(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const documented = response as ResponseObject;
        const media = documented.content?.[PROBLEM_JSON];
        if (!media) continue;
        const facts = { path, operation, document };
        const example = exampleProblem(Number(status), facts, documented.description);
        operation.responses[status] = {
          ...documented,
          content: { ...documented.content, [PROBLEM_JSON]: { ...media, example } },
        };
      }
    }
  }
}
