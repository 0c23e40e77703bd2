import { PROBLEM_TYPES, ProblemCode, problemType } from '@rct/common';
import { readFileSync } from 'node:fs';
import { SPEC_PATH } from './openapi-contract';

/**
 * The rules that make openapi.json pleasant to generate SDKs from, checked over the committed
 * file (Redocly's lint covers the generic ones; these are ours).
 */

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
  requestBody?: { content: Record<string, { schema?: Json }> };
  responses: Record<
    string,
    { headers?: Json; content?: Record<string, { schema?: Json; example?: unknown }> }
  >;
}

interface Document {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Json };
}

const document = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Document;
const PUBLIC_OPERATIONS = ['getLiveness', 'getReadiness', 'login', 'refreshTokens'];

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
);

function refName(schema: Json | undefined): string | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : undefined;
}

/** Every schema object in the document, with where it is. */
function allSchemas(): { where: string; schema: Json }[] {
  const found: { where: string; schema: Json }[] = [];
  const visit = (schema: unknown, where: string): void => {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
    const node = schema as Json;
    found.push({ where, schema: node });
    for (const [key, value] of Object.entries(node.properties ?? {})) {
      visit(value, `${where}.${key}`);
    }
    if (typeof node.additionalProperties === 'object') {
      visit(node.additionalProperties, `${where}{}`);
    }
    visit(node.items, `${where}[]`);
    for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
      (node[combinator] as unknown[] | undefined)?.forEach((item, index) =>
        visit(item, `${where}.${combinator}[${index}]`),
      );
    }
  };
  for (const [name, schema] of Object.entries(document.components.schemas)) visit(schema, name);
  for (const { path, method, operation } of operations) {
    const at = `${method.toUpperCase()} ${path}`;
    operation.parameters?.forEach((p) => visit(p.schema, `${at} ${p.in} ${p.name}`));
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      visit(media.schema, `${at} body ${type}`);
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        visit(media.schema, `${at} ${status} ${type}`);
      }
    }
  }
  return found;
}

describe('openapi.json', () => {
  it('should give every operation a unique camelCase operationId, one known tag and a summary', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(document.tags.map((tag) => tag.name));
    const bad = operations
      .filter(
        ({ operation }) =>
          !/^[a-z][a-zA-Z0-9]+$/.test(operation.operationId) ||
          operation.tags?.length !== 1 ||
          !tags.has(operation.tags[0]) ||
          !operation.summary,
      )
      .map(({ operation }) => operation.operationId);
    expect(bad).toEqual([]);
  });

  it('should require a bearer token or an API key everywhere except sign-in, refresh and health', () => {
    const wrong = operations
      .filter(({ operation }) => {
        const expected = PUBLIC_OPERATIONS.includes(operation.operationId)
          ? []
          : [{ bearer: [] }, { apiKey: [] }];
        return JSON.stringify(operation.security) !== JSON.stringify(expected);
      })
      .map(({ operation }) => `${operation.operationId}: ${JSON.stringify(operation.security)}`);
    expect(wrong).toEqual([]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    expect(document.components.securitySchemes.apiKey).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
  });

  it('should answer every error with the one ProblemDetails schema as problem+json', () => {
    const wrong = operations.flatMap(({ operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .filter(
          ([, response]) =>
            Object.keys(response.content ?? {}).join() !== 'application/problem+json' ||
            refName(response.content?.['application/problem+json'].schema) !== 'ProblemDetails',
        )
        .map(([status]) => `${operation.operationId} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('should give every error status of every operation an example of its own', () => {
    const types = new Set(document.components.schemas.ProblemType.enum as string[]);
    const wrong = operations.flatMap(({ path, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .flatMap(([status, response]) => {
          const example = response.content?.['application/problem+json'].example as
            { type: string; status: number; instance: string } | undefined;
          const prefix = path.replace(/\{.*$/, '');
          const fits =
            example &&
            example.status === Number(status) &&
            types.has(example.type) &&
            example.instance.startsWith(prefix);
          return fits ? [] : [`${operation.operationId} ${status}`];
        }),
    );
    expect(wrong).toEqual([]);
  });

  it('should list every problem type of the catalogue, named ProblemType', () => {
    expect(document.components.schemas.ProblemType.enum).toEqual(
      Object.keys(PROBLEM_TYPES).map((code) => problemType(code as ProblemCode)),
    );
  });

  it('should make references nullable only in a form strict OpenAPI 3.0 honours', () => {
    // Under 3.0, `nullable` beside `$ref` or an `allOf` is ignored, so a null fails the schema.
    const wrong = allSchemas()
      .filter(({ schema }) => schema.nullable === true && ('$ref' in schema || 'allOf' in schema))
      .map(({ where }) => where);
    expect(wrong).toEqual([]);
    const nullBranches = allSchemas().filter(
      ({ schema }) => schema.nullable === true && !('type' in schema),
    );
    expect(nullBranches.map(({ where }) => where)).toEqual([]);
    expect(document.components.schemas.Risk.properties).toMatchObject({
      residualSeverity: {
        anyOf: [
          { $ref: '#/components/schemas/RiskSeverity' },
          { type: 'string', nullable: true, enum: [null] },
        ],
      },
    });
  });

  it('should document the errors each kind of input and protection can cause', () => {
    const missing = operations.flatMap(({ path, operation }) => {
      const has = (status: number) => String(status) in operation.responses;
      const params = operation.parameters ?? [];
      const expected: [boolean, number, string][] = [
        [true, 500, 'every operation'],
        [Boolean(operation.requestBody), 400, 'a body'],
        [Boolean(operation.requestBody), 413, 'a body'],
        [Boolean(operation.requestBody), 415, 'a body'],
        [params.some((p) => p.in === 'query'), 400, 'query parameters'],
        [params.some((p) => p.in === 'path'), 400, 'a path parameter'],
        [/\{id\}/.test(path), 404, 'an {id}'],
        [params.some((p) => p.name === 'If-Match'), 412, 'If-Match'],
        [(operation.security ?? []).length > 0, 401, 'a token'],
      ];
      return expected
        .filter(([applies, status]) => applies && !has(status))
        .map(([, status, why]) => `${operation.operationId} lacks ${status} (${why})`);
    });
    expect(missing).toEqual([]);
  });

  it('should type every body with a named schema, never a bare object', () => {
    const anonymous = operations.flatMap(({ operation }) => {
      const bodies = [
        ...Object.entries(operation.requestBody?.content ?? {}).map(
          ([type, media]) => [`request ${type}`, media.schema] as const,
        ),
        ...Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {})
            .filter(([type]) => type.includes('json') || type.startsWith('multipart/'))
            .map(([type, media]) => [`${status} ${type}`, media.schema] as const),
        ),
      ];
      return bodies
        .filter(([, schema]) => !refName(schema))
        .map(([where]) => `${operation.operationId} ${where}`);
    });
    expect(anonymous).toEqual([]);

    const bare = allSchemas()
      .filter(({ schema }) => {
        const typed = 'type' in schema || '$ref' in schema;
        const composed = ['allOf', 'oneOf', 'anyOf'].some((key) => key in schema);
        // An object must say what it holds: properties, a value schema, or a composed type.
        const shapeless =
          schema.type === 'object' &&
          !schema.properties &&
          !schema.additionalProperties &&
          // The null branch of a nullable reference holds nothing but null.
          JSON.stringify(schema.enum) !== '[null]';
        return (!typed && !composed) || (shapeless && !composed);
      })
      .map(({ where }) => where);
    expect(bare).toEqual([]);
  });

  it('should name schemas as an SDK would: resources as nouns, bodies as requests, pages', () => {
    const names = Object.keys(document.components.schemas);
    expect(names.filter((name) => /Dto$/.test(name))).toEqual([]);
    const requestBodies = operations
      .map(({ operation }) =>
        refName(
          operation.requestBody?.content['application/json']?.schema ??
            operation.requestBody?.content['multipart/form-data']?.schema,
        ),
      )
      .filter((name): name is string => name !== undefined);
    expect(requestBodies.filter((name) => !name.endsWith('Request'))).toEqual([]);
    const lists = operations.filter(({ operation }) => operation.operationId.startsWith('list'));
    expect(lists.length).toBeGreaterThan(0);
    const unpaged = lists
      .map(({ operation }) =>
        refName(operation.responses['200']?.content?.['application/json']?.schema),
      )
      .filter((name) => !name?.endsWith('Page'));
    expect(unpaged).toEqual([]);
  });

  it('should reuse named enums instead of repeating values inline', () => {
    const enumNames = Object.entries(document.components.schemas)
      .filter(([, schema]) => Array.isArray(schema.enum))
      .map(([name]) => name);
    expect(enumNames).toEqual(
      expect.arrayContaining([
        'RiskStatus',
        'RiskSeverity',
        'TaskStatus',
        'UserRole',
        'AuditAction',
      ]),
    );
    const inline = allSchemas()
      .filter(({ where, schema }) => Array.isArray(schema.enum) && !enumNames.includes(where))
      .filter(({ schema }) => (schema.enum as unknown[]).length > 2)
      .map(({ where }) => where);
    expect(inline).toEqual([]);
  });

  it('should format ids as uuid and instants as date-time', () => {
    // keyId names an audit signing key: 16 hex characters of its SHA-256 (DESIGN.md).
    const notUuid = ['requestId', 'entityId', 'keyId'];
    const wrong = allSchemas()
      .filter(({ schema }) => schema.type === 'string')
      .flatMap(({ where, schema }) => {
        const field = where.split(/[. ]/).pop() ?? '';
        if (/(^id|Id)$/.test(field) && !notUuid.includes(field) && schema.format !== 'uuid') {
          return [`${where} is not a uuid`];
        }
        if (/At$|^validUntil$|^from$|^to$/.test(field) && schema.format !== 'date-time') {
          return [`${where} is not a date-time`];
        }
        return [];
      });
    expect(wrong).toEqual([]);
  });

  it('should send ETag with every versioned resource and take If-Match on every change to one', () => {
    const versioned = new Set(
      Object.entries(document.components.schemas)
        .filter(([, schema]) => 'version' in ((schema.properties as Json | undefined) ?? {}))
        .map(([name]) => name),
    );
    const problems = operations.flatMap(({ method, path, operation }) => {
      const found: string[] = [];
      for (const [status, response] of Object.entries(operation.responses)) {
        const name = refName(response.content?.['application/json']?.schema);
        const hasEtag = Boolean(response.headers && 'ETag' in response.headers);
        if (status.startsWith('2') && name && versioned.has(name) !== hasEtag) {
          found.push(
            `${operation.operationId} ${status}: ETag ${hasEtag ? 'without' : 'missing for'} ${name}`,
          );
        }
      }
      const ifMatch = operation.parameters?.find((p) => p.name === 'If-Match');
      const changesOne = /\{id\}/.test(path) && ['patch', 'delete', 'put'].includes(method);
      // An API key exposes no version: revoking one is final and can be repeated safely.
      const unversioned = ['/api/v1/audit-events', '/api/v1/api-keys'];
      if (changesOne && !ifMatch && !unversioned.some((prefix) => path.startsWith(prefix))) {
        found.push(`${operation.operationId}: no If-Match`);
      }
      if (ifMatch && (ifMatch.required || ifMatch.in !== 'header')) {
        found.push(`${operation.operationId}: If-Match must be an optional header`);
      }
      return found;
    });
    expect(problems).toEqual([]);
    const honouring = operations
      .filter(({ operation }) => operation.parameters?.some((p) => p.name === 'If-Match'))
      .map(({ operation }) => operation.operationId)
      .sort();
    expect(honouring).toEqual([
      'decideRiskAcceptance',
      'deleteControl',
      'deleteEvidence',
      'deleteRisk',
      'deleteTask',
      'deleteWebhook',
      'reviewEvidence',
      'revokeRiskAcceptance',
      'updateControl',
      'updateEvidence',
      'updateRisk',
      'updateTask',
      'updateUser',
      'updateWebhook',
      'uploadEvidenceFile',
    ]);
  });
});
