import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { OpenApiDocument } from './openapi-contract';
import {
  brokenBody,
  deepBody,
  encodeSegment,
  hostileQueryValue,
  hostileSegment,
  hostileValue,
  mediaType,
  plain,
  Tagged,
  tagged,
} from './fuzz-values';

type Json = Record<string, unknown>;

export type FuzzRole = 'anonymous' | 'admin' | 'manager' | 'analyst' | 'viewer';
export const FUZZ_ROLES: FuzzRole[] = ['anonymous', 'admin', 'manager', 'analyst', 'viewer'];

/** One operation of the spec, as the fuzzer sees it. */
export interface FuzzOperation {
  method: string;
  template: string;
  operationId: string;
  parameters: { name: string; in: string; schema: Json }[];
  bodyMediaType?: string;
  bodySchema?: Json;
}

/** A generated request, ready to send. */
export interface FuzzRequest {
  role: FuzzRole;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The hostile input classes it carries ([] for a well-formed request). */
  kinds: string[];
}

/** The value once in `odds` draws, else null. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: odds - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: arbitrary },
  );
}

/** Ids of records that exist, so some requests get past the 404 and reach the service. */
export type KnownIds = (template: string) => string[];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as unknown as Record<string, Json | undefined>)[method];
      if (!operation) continue;
      const content = ((operation.requestBody as Json | undefined)?.content ?? {}) as Record<
        string,
        { schema?: Json }
      >;
      const [bodyMediaType] = Object.keys(content);
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: String(operation.operationId),
        parameters: (operation.parameters ?? []) as FuzzOperation['parameters'],
        bodyMediaType,
        bodySchema: bodyMediaType ? content[bodyMediaType].schema : undefined,
      });
    }
  }
  return operations;
}

/** Arbitraries built from the spec's schemas: valid values, with hostile ones mixed in. */
export class SpecArbitraries {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly knownIds: KnownIds,
  ) {}

  private resolve(schema: Json): Json {
    const ref = schema.$ref;
    if (typeof ref !== 'string') {
      const allOf = schema.allOf as Json[] | undefined;
      return allOf?.length === 1
        ? { ...this.resolve(allOf[0]), ...schema, allOf: undefined }
        : schema;
    }
    const name = ref.replace('#/components/schemas/', '');
    return this.resolve(this.document.components?.schemas?.[name] ?? {});
  }

  /** A value the schema accepts (mostly; the server decides). */
  valid(raw: Json, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    switch (schema.type) {
      case 'integer':
        return fc.integer({
          min: typeof schema.minimum === 'number' ? schema.minimum : -5,
          max: typeof schema.maximum === 'number' ? schema.maximum : 1000,
        });
      case 'number':
        return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3
          ? fc.constant([])
          : fc.array(this.valid((schema.items ?? {}) as Json, depth + 1), { maxLength: 3 });
      case 'object':
        return depth > 3 ? fc.constant({}) : this.taggedObject(schema).map(({ value }) => value);
      default:
        return this.validString(schema);
    }
  }

  private validString(schema: Json): fc.Arbitrary<unknown> {
    const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const max = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 40);
    switch (schema.format) {
      case 'uuid':
        return fc.oneof(fc.constantFrom(...this.allIds()), fc.uuid());
      case 'date-time':
        return fc
          .date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((date) => date.toISOString());
      case 'email':
        return fc.nat(1_000_000).map((n) => `fuzz-${n}@rct.test`);
      case 'uri':
        return fc.constantFrom('https://example.com/evidence', 'http://x.test/a?b=c');
      default:
        return fc
          .string({ minLength: min, maxLength: Math.max(min, max) })
          .map((text) => text.padEnd(min, 'x'));
    }
  }

  private allIds(): string[] {
    return ['/users/{id}', '/risks/{id}', '/controls/{id}', '/evidence/{id}', '/tasks/{id}']
      .flatMap((path) => this.knownIds(`/api/v1${path}`))
      .concat(randomUUID());
  }

  /** Known ids for a field named like `ownerId` or `riskId`, so valid bodies name real records. */
  private idsFor(name: string): string[] {
    const owner = /^(owner|assignee|user|actor|reviewedBy|submittedBy)Id$/.test(name);
    const resource = owner
      ? 'users'
      : `${name.replace(/Id$/, '')}s`.replace('evidences', 'evidence');
    return this.knownIds(`/api/v1/${resource}/{id}`);
  }

  private validField(name: string, schema: Json): fc.Arbitrary<unknown> {
    const resolved = this.resolve(schema);
    const ids = resolved.format === 'uuid' ? this.idsFor(name) : [];
    return ids.length > 0 ? fc.constantFrom(...ids) : this.valid(schema, 1);
  }

  /**
   * An object of the schema's fields, all valid, with at most one mutation: one field hostile,
   * one required field missing, or one field extra. One fault at a time reaches deeper than many.
   */
  taggedObject(raw: Json): fc.Arbitrary<Tagged<Json>> {
    const schema = this.resolve(raw);
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Json>);
    const required = (schema.required ?? []) as string[];
    const fields = properties.map(([name, property]) =>
      required.includes(name)
        ? this.validField(name, property)
        : fc.option(this.validField(name, property), { freq: 2, nil: undefined }),
    );
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('hostile' as const), index: fc.nat(), value: hostileValue }),
      fc.record({ kind: fc.constant('missing' as const), index: fc.nat() }),
      fc.record({
        kind: fc.constant('extra' as const),
        field: fc.constantFrom<[string, unknown]>(
          ['role', 'admin'],
          ['isAdmin', true],
          ['id', randomUUID()],
          ['version', 1],
          ['createdAt', '2020-01-01T00:00:00Z'],
          ['constructor', { prototype: { polluted: true } }],
        ),
      }),
    );
    return fc
      .tuple(fc.tuple(...fields), fc.option(mutation, { freq: 2 }))
      .map(([values, change]) => {
        const value: Json = {};
        properties.forEach(([name], index) => {
          if (values[index] !== undefined) value[name] = values[index];
        });
        if (!change) return { value, kinds: [] };
        if (change.kind === 'extra') {
          value[change.field[0]] = change.field[1];
          return { value, kinds: ['extra'] };
        }
        if (properties.length === 0) return { value, kinds: [] };
        const [name] = properties[change.index % properties.length];
        if (change.kind === 'missing') {
          delete value[name];
          return { value, kinds: ['missing'] };
        }
        value[name] = change.value.value;
        return { value, kinds: change.value.kinds };
      });
  }

  /** The JSON body of an operation, as text: shaped by the schema, or broken on purpose. */
  jsonBody(schema: Json): fc.Arbitrary<Tagged<string>> {
    return fc.oneof(
      {
        weight: 10,
        arbitrary: this.taggedObject(schema).map(({ value, kinds }) => ({
          value: JSON.stringify(value),
          kinds,
        })),
      },
      { weight: 1, arbitrary: deepBody },
      { weight: 1, arbitrary: brokenBody },
    );
  }

  /** A multipart body with one file part, its name and type fuzzed; or not multipart at all. */
  multipartBody(): fc.Arbitrary<Tagged<{ type: string; body: Buffer }>> {
    const boundary = 'fuzzboundary42';
    const part = fc
      .tuple(
        fc.oneof(plain(fc.constantFrom('report.pdf', 'a.txt', 'x')), hostileValue),
        fc.oneof(plain(fc.constantFrom('file', 'other')), plain(fc.constant('file'))),
        fc.oneof(plain(fc.constantFrom('application/pdf', 'text/plain')), hostileValue),
        fc.oneof(plain(fc.constantFrom('hello', '%PDF-1.4')), plain(fc.constant(''))),
      )
      .map(([name, field, type, content]) => ({
        value: {
          type: `multipart/form-data; boundary=${boundary}`,
          body: Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${field.value}"; ` +
              `filename="${String(name.value)}"\r\nContent-Type: ${String(type.value)}\r\n\r\n` +
              `${content.value}\r\n--${boundary}--\r\n`,
          ),
        },
        kinds: [...name.kinds, ...type.kinds],
      }));
    const notMultipart = fc.tuple(mediaType, this.jsonBody({})).map(([type, body]) => ({
      value: { type: type.value, body: Buffer.from(body.value) },
      kinds: ['media', ...body.kinds],
    }));
    const truncated = tagged(
      fc.constant({
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"`),
      }),
      'shape',
    );
    return fc.oneof({ weight: 6, arbitrary: part }, notMultipart, truncated);
  }

  pathParam(template: string): fc.Arbitrary<Tagged<string>> {
    const known = this.knownIds(template);
    // An empty segment would name another route (`/risks/`), not a bad id.
    return fc
      .oneof(
        { weight: 3, arbitrary: plain(known.length > 0 ? fc.constantFrom(...known) : fc.uuid()) },
        { weight: 1, arbitrary: plain(fc.uuid()) },
        {
          weight: 2,
          arbitrary: hostileSegment.map(({ value, kinds }) => ({
            value: value.raw ? value.text : encodeSegment(value.text),
            kinds,
          })),
        },
      )
      .filter(({ value }) => value.length > 0);
  }

  queryValue(_schema: Json): fc.Arbitrary<Tagged<string>> {
    return hostileQueryValue.map(({ value, kinds }) => ({
      value: value.raw ? value.text : encodeSegment(value.text),
      kinds,
    }));
  }

  query(operation: FuzzOperation): fc.Arbitrary<Tagged<string>> {
    const params = operation.parameters.filter((param) => param.in === 'query');
    // Valid parameters, and now and then one hostile among them.
    const hostileIndex = fc.option(fc.nat(Math.max(0, params.length - 1)), { freq: 2 });
    const entries = params.map((param) =>
      fc.option(fc.tuple(plain(this.valid(param.schema)), this.queryValue(param.schema)), {
        freq: 2,
      }),
    );
    const extra = rarely(
      tagged(fc.constantFrom('unknown=1', 'limit=1&limit=2', 'a[b]=c', '=x', '&&'), 'extra'),
      6,
    );
    return fc
      .tuple(fc.tuple(...entries), hostileIndex, extra)
      .map(([values, hostile, extraValue]) => {
        const chosen = values.map((pair, index): Tagged<string> | null => {
          if (pair === null) return null;
          const [valid, fuzzed] = pair;
          const { value, kinds } =
            hostile === index ? fuzzed : { value: encodeSegment(String(valid.value)), kinds: [] };
          return { value: `${params[index].name}=${value}`, kinds };
        });
        const present = [...chosen, extraValue].filter((v): v is Tagged<string> => v !== null);
        return {
          value: present.length > 0 ? `?${present.map((v) => v.value).join('&')}` : '',
          kinds: present.flatMap((v) => v.kinds),
        };
      });
  }

  request(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
    const paramNames = [...operation.template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    const path = fc.tuple(...paramNames.map(() => this.pathParam(operation.template)));
    const authVariants = fc.constantFrom<string | undefined>(
      undefined,
      undefined,
      'Bearer not-a-token',
      'Basic YTpi',
    );
    const ifMatch = fc.option(
      fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"abc"', '"99999999999999999999"', 'garbage'),
      { freq: 3 },
    );
    const body = this.body(operation);
    return fc
      .tuple(
        fc.constantFrom(...FUZZ_ROLES),
        path,
        this.query(operation),
        body,
        authVariants,
        ifMatch,
      )
      .map(([role, params, query, payload, auth, match]) => {
        let url = operation.template;
        paramNames.forEach((name, index) => {
          url = url.replace(`{${name}}`, params[index].value);
        });
        const headers: Record<string, string> = {};
        if (role === 'anonymous' && auth) headers.Authorization = auth;
        if (match) headers['If-Match'] = match;
        if (payload) headers['Content-Type'] = payload.value.type;
        return {
          role,
          method: operation.method,
          url: `${url}${query.value}`,
          headers,
          body: payload?.value.body,
          kinds: [
            ...new Set([
              ...params.flatMap((p) => p.kinds),
              ...query.kinds,
              ...(payload?.kinds ?? []),
            ]),
          ],
        };
      });
  }

  private body(
    operation: FuzzOperation,
  ): fc.Arbitrary<Tagged<{ type: string; body: string | Buffer }> | null> {
    if (operation.bodyMediaType === 'multipart/form-data') return this.multipartBody();
    if (operation.bodySchema) {
      return fc.tuple(mediaType, this.jsonBody(operation.bodySchema)).map(([type, body]) => ({
        value: { type: type.value, body: body.value },
        kinds: [...type.kinds, ...body.kinds],
      }));
    }
    // A body where none is expected, now and then.
    return rarely(
      tagged(fc.constantFrom('{"a":1}', 'x'), 'unexpected-body').map(({ value, kinds }) => ({
        value: { type: 'application/json', body: value },
        kinds,
      })),
      10,
    );
  }
}
