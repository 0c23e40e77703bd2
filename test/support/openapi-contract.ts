import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Checks HTTP responses against the committed openapi.json: the operation exists, the status is
 * documented for it, the body matches the documented schema for its media type (problem+json
 * included), and the ETag header is there exactly when the spec promises it. The e2e harness
 * runs it on every response, so a spec that drifts from the server fails the test that saw it.
 */

type Json = Record<string, unknown>;

interface MediaTypeObject {
  schema?: Json;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, Json>;
  content?: Record<string, MediaTypeObject>;
}

interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Json> };
}

/** What the check needs to know about one exchange. */
export interface ObservedResponse {
  method: string;
  /** The request path as sent, with or without a query string. */
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed body: JSON for JSON media types, anything else otherwise. */
  body: unknown;
  /** Whether any body bytes came back. */
  hasBody: boolean;
}

export interface MatchedOperation {
  template: string;
  method: string;
  operation: OperationObject;
}

export const SPEC_PATH = resolve(__dirname, '../../openapi.json');

/** Routes that exist only in tests, and the docs (with `/`, which leads to them): not API. */
const UNCHECKED_PATHS = [/^\/$/, /^\/docs(\/|$)/, /^\/api\/v1\/__probe(\/|$)/];
const UNCHECKED_METHODS = new Set(['HEAD', 'OPTIONS']);
const SPEC_REF = 'openapi.json';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([\w.-]+\+)?json$/.test(mediaType);
}

/**
 * OpenAPI 3.0 schema objects as JSON Schema for ajv, as a response must satisfy them:
 * - `nullable: true` admits null (3.0 spells it as a keyword, JSON Schema as a type);
 * - `$ref`s point into the registered spec;
 * - an object schema that lists its properties and says nothing about others allows no others,
 *   so a field the server sends but the spec does not document is caught.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const converted: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      converted.$ref = `${SPEC_REF}${value}`;
    } else if (key === 'properties' && isObject(value)) {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else if (key !== 'nullable' && key !== 'example') {
      converted[key] = toJsonSchema(value);
    }
  }
  if (converted.type === 'object' && converted.properties && !('additionalProperties' in node)) {
    converted.additionalProperties = false;
  }
  return node.nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((error) => {
      const where = error.instancePath || '(body)';
      const extra =
        error.keyword === 'additionalProperties'
          ? `: ${String((error.params as { additionalProperty: string }).additionalProperty)}`
          : '';
      return `${where} ${error.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}

function headerValue(headers: ObservedResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function documentedHeader(response: ResponseObject, name: string): boolean {
  return Object.keys(response.headers ?? {}).some(
    (header) => header.toLowerCase() === name.toLowerCase(),
  );
}

/** A header documented with `required: false` may be left out (an ETag on an asOf answer). */
function optionalHeader(response: ResponseObject, name: string): boolean {
  return Object.entries(response.headers ?? {}).some(
    ([header, object]) =>
      header.toLowerCase() === name.toLowerCase() &&
      (object as { required?: boolean }).required === false,
  );
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    // OpenAPI formats with no JSON Schema meaning: any string will do.
    this.ajv.addFormat('binary', true);
    this.ajv.addFormat('password', true);
    this.ajv.addSchema({ $id: SPEC_REF, components: toJsonSchema(document.components ?? {}) });
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}$`,
        ),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // A literal segment beats a parameter: /audit-events/verify is not /audit-events/{id}.
      .sort((a, b) => a.params - b.params);
  }

  private static shared?: OpenApiContract;

  /** The committed spec, read once per test file. */
  static load(): OpenApiContract {
    OpenApiContract.shared ??= new OpenApiContract(
      JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument,
    );
    return OpenApiContract.shared;
  }

  /** The documented operation serving `method path`, if any. */
  match(method: string, url: string): MatchedOperation | undefined {
    const path = url.split('?')[0];
    const key = method.toLowerCase();
    for (const { template, pattern } of this.templates) {
      if (!pattern.test(path)) continue;
      const operation = this.document.paths[template][key];
      if (operation) return { template, method: key, operation };
    }
    return undefined;
  }

  /** Every way the response departs from the spec; empty when it conforms. */
  check(observed: ObservedResponse): string[] {
    const method = observed.method.toUpperCase();
    const path = observed.url.split('?')[0];
    if (UNCHECKED_METHODS.has(method) || UNCHECKED_PATHS.some((re) => re.test(path))) return [];

    const matched = this.match(method, path);
    if (!matched) {
      // A request no route serves: the router's own 404 (or 405) is the only right answer.
      if (observed.status === 404 || observed.status === 405) {
        return this.checkBody(observed, `unrouted:${observed.status}`, {
          description: 'No such route.',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        });
      }
      return [`${method} ${path} answered ${observed.status} but the spec has no such operation`];
    }

    const { template, operation } = matched;
    const statuses = Object.keys(operation.responses);
    const response =
      operation.responses[String(observed.status)] ??
      operation.responses[`${String(observed.status)[0]}XX`] ??
      operation.responses.default;
    if (!response) {
      return [
        `${method} ${template} answered ${observed.status}, which the spec does not document ` +
          `for ${operation.operationId ?? 'this operation'} (documented: ${statuses.join(', ')})`,
      ];
    }
    const key = `${method} ${template} ${observed.status}`;
    return [...this.checkBody(observed, key, response), ...this.checkHeaders(observed, response)];
  }

  /** Throws one error naming every violation, for test harnesses. */
  assert(observed: ObservedResponse): void {
    const violations = this.check(observed);
    if (violations.length === 0) return;
    throw new Error(
      `Response violates openapi.json (${observed.method.toUpperCase()} ${observed.url} -> ` +
        `${observed.status}):\n  - ${violations.join('\n  - ')}`,
    );
  }

  private checkHeaders(observed: ObservedResponse, response: ResponseObject): string[] {
    const where = `${observed.method.toUpperCase()} ${observed.url} -> ${observed.status}`;
    const sent = headerValue(observed.headers, 'ETag') !== undefined;
    const documented = documentedHeader(response, 'ETag');
    if (sent && !documented) return [`${where} sent an ETag header the spec does not document`];
    if (!sent && documented && !optionalHeader(response, 'ETag')) {
      return [`${where} documents an ETag header that was not sent`];
    }
    return [];
  }

  private checkBody(observed: ObservedResponse, key: string, response: ResponseObject): string[] {
    const where = `${observed.method.toUpperCase()} ${observed.url} -> ${observed.status}`;
    const content = response.content ?? {};
    const documentedTypes = Object.keys(content);
    if (!observed.hasBody) {
      // An NDJSON export of zero items is an empty body, and a valid one.
      const sentType = (headerValue(observed.headers, 'content-type') ?? '').split(';')[0].trim();
      if (sentType === 'application/x-ndjson' && documentedTypes.includes(sentType)) return [];
      return documentedTypes.length === 0
        ? []
        : [`${where} has no body, but the spec documents ${documentedTypes.join(', ')}`];
    }
    const contentType = (headerValue(observed.headers, 'content-type') ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (documentedTypes.length === 0) {
      return [`${where} has a ${contentType || 'untyped'} body, but the spec documents none`];
    }
    if (!isJsonMediaType(contentType)) {
      // Bytes (a downloaded file keeps its recorded type): any binary media type documents them.
      return documentedTypes.some((type) => !isJsonMediaType(type))
        ? []
        : [`${where} sent ${contentType}, but the spec documents ${documentedTypes.join(', ')}`];
    }
    const media = content[contentType];
    if (!media) {
      return [`${where} sent ${contentType}, but the spec documents ${documentedTypes.join(', ')}`];
    }
    if (!media.schema) return [];
    const validate = this.validator(`${key} ${contentType}`, media.schema);
    return validate(observed.body)
      ? []
      : [
          `${where} ${contentType} body does not match its schema: ${formatErrors(validate.errors)}`,
        ];
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
