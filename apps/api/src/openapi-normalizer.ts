import type { OpenAPIObject, SecurityRequirementObject } from '@nestjs/swagger';
import { RATE_LIMIT_EXEMPT } from '@rct/auth';
import { addIdempotencyDocs } from './openapi-idempotency';
import { addIdNotes } from './openapi-id-notes';
import { addProblemExamples } from './openapi-problem-examples';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{allOf: [{$ref}]}` and nothing else: @nestjs/swagger's wrapper around named enums. */
function loneAllOfRef(schema: Json): string | undefined {
  const allOf = schema.allOf;
  if (!Array.isArray(allOf) || allOf.length !== 1 || !isObject(allOf[0])) return undefined;
  const ref = allOf[0].$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function referencedType(document: OpenAPIObject, ref: string): unknown {
  const name = ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name] as Json | undefined;
  return target?.type;
}

/**
 * `X | null` as strict OpenAPI 3.0 means it: `nullable` only widens a schema that has a `type`
 * of its own, never a `$ref` or an `allOf` beside it, so null gets a branch of its own. SDK
 * generators turn this into `X | null`.
 */
export function nullableRef(ref: string, type: unknown): Json {
  return { anyOf: [{ $ref: ref }, { type, nullable: true, enum: [null] }] };
}

function refOf(schema: Json): string | undefined {
  return loneAllOfRef(schema) ?? (typeof schema.$ref === 'string' ? schema.$ref : undefined);
}

/**
 * Rewrites a schema tree in place: a lone `allOf` around a `$ref` becomes the `$ref` itself, and
 * a nullable reference becomes {@link nullableRef}, keeping its description and example.
 */
function normalizeSchemas(node: unknown, document: OpenAPIObject): void {
  if (Array.isArray(node)) {
    node.forEach((item) => normalizeSchemas(item, document));
    return;
  }
  if (!isObject(node)) return;
  const ref = refOf(node);
  if (ref && node.nullable === true) {
    const type = referencedType(document, ref);
    // What stays beside the branches (description, example) describes the field, not a type.
    for (const key of ['allOf', '$ref', 'nullable', 'type']) delete node[key];
    Object.assign(node, nullableRef(ref, type));
    return;
  }
  if (ref && loneAllOfRef(node) && Object.keys(node).length === 1) {
    delete node.allOf;
    node.$ref = ref;
  }
  Object.values(node).forEach((value) => normalizeSchemas(value, document));
}

function sameRequirement(a: SecurityRequirementObject, b: SecurityRequirementObject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What @nestjs/swagger leaves for generators to trip over, fixed in one place:
 * - a bearer requirement declared on both a controller and a route is listed twice;
 * - a public operation has no `security` at all, where `security: []` says "none" explicitly;
 * - named enums are wrapped in single-item `allOf`s, and nullable references are invalid 3.0;
 * - responses come in decorator order rather than by status;
 * - every error status would show the same schema example, whatever the operation;
 * - Swagger UI's placeholder ids look usable but name no record;
 * - the global 429 does not apply to operations exempt from rate limits (health probes).
 */
export function normalizeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  addIdempotencyDocs(document);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const requirements: SecurityRequirementObject[] = operation.security ?? [];
      operation.security = requirements.filter(
        (requirement, index) =>
          requirements.findIndex((other) => sameRequirement(other, requirement)) === index,
      );
      const extensions = operation as unknown as Json;
      if (extensions[RATE_LIMIT_EXEMPT]) {
        delete operation.responses['429'];
        delete extensions[RATE_LIMIT_EXEMPT];
      }
      operation.responses = Object.fromEntries(
        Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
  normalizeSchemas(document.paths, document);
  normalizeSchemas(document.components, document);
  addProblemExamples(document);
  addIdNotes(document);
  return document;
}
