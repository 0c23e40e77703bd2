import type { OpenAPIObject, SecurityRequirementObject } from '@nestjs/swagger';

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
 * Rewrites a schema tree in place: a lone `allOf` around a `$ref` becomes the `$ref` itself, and
 * a nullable one gets the referenced type beside `nullable` (OpenAPI 3.0 ignores `nullable`
 * without a `type`).
 */
function normalizeSchemas(node: unknown, document: OpenAPIObject): void {
  if (Array.isArray(node)) {
    node.forEach((item) => normalizeSchemas(item, document));
    return;
  }
  if (!isObject(node)) return;
  const ref = loneAllOfRef(node);
  if (ref) {
    const siblings = Object.keys(node).filter((key) => key !== 'allOf');
    if (siblings.length === 0) {
      delete node.allOf;
      node.$ref = ref;
    } else if (node.nullable === true && node.type === undefined) {
      node.type = referencedType(document, ref);
    }
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
 * - named enums are wrapped in single-item `allOf`s;
 * - responses come in decorator order rather than by status.
 */
export function normalizeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const requirements: SecurityRequirementObject[] = operation.security ?? [];
      operation.security = requirements.filter(
        (requirement, index) =>
          requirements.findIndex((other) => sameRequirement(other, requirement)) === index,
      );
      operation.responses = Object.fromEntries(
        Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
  normalizeSchemas(document.paths, document);
  normalizeSchemas(document.components, document);
  return document;
}
