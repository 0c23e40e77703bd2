import { AuditOutcome } from './audit-vocabulary';
import {
  auditHashInput,
  canonicalJson,
  GENESIS_HASH,
  HashedAuditFields,
  hashAuditEvent,
} from './audit-hash';

/** docs/audit-verification.md's second example: an event made with an API key. */
const API_KEY_EXAMPLE_HASH = '11d64b6be5e845e989a38db7d937ee22b5081f38489d58efb732a3bed169b678';

const event: HashedAuditFields = {
  id: '3f6c2a0e-9a47-4c1b-8d0e-2b7f3c9d1a55',
  occurredAt: new Date('2026-11-28T07:00:00.123Z'),
  actorId: null,
  actorEmail: 'a@rct.test',
  actorRole: 'admin',
  action: 'update',
  outcome: AuditOutcome.Success,
  entityType: 'user',
  entityId: '42',
  method: 'PATCH',
  route: '/api/v1/users/:id',
  path: '/api/v1/users/42',
  statusCode: 200,
  requestId: 'req-1',
  ip: '127.0.0.1',
  userAgent: 'jest',
  changes: { role: { from: 'viewer', to: 'manager' }, fullName: { from: 'A', to: 'B' } },
  prevHash: GENESIS_HASH,
};

describe(canonicalJson.name, () => {
  it('should sort keys at every depth and drop undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('should order keys by UTF-16 code unit: capitals first, astral characters before U+FF21', () => {
    expect(canonicalJson({ a: 1, B: 2, é: 3, '\uFF21': 4, '\u{1F600}': 5, z: [] })).toBe(
      '{"B":2,"a":1,"z":[],"é":3,"\u{1F600}":5,"\uFF21":4}',
    );
  });

  it('should write dates as ISO strings and undefined as null', () => {
    expect(canonicalJson([new Date(0), undefined])).toBe('["1970-01-01T00:00:00.000Z",null]');
  });
});

describe(auditHashInput.name, () => {
  const generic = (fields: HashedAuditFields): string => {
    const { id, occurredAt, actorId, actorEmail, actorRole, action, outcome, entityType } = fields;
    const { entityId, method, route, path, statusCode, requestId, ip, userAgent } = fields;
    const { changes, prevHash, apiKeyId } = fields;
    return canonicalJson({
      id,
      occurredAt,
      actorId,
      actorEmail,
      actorRole,
      action,
      outcome,
      entityType,
      entityId,
      method,
      route,
      path,
      statusCode,
      requestId,
      ip,
      userAgent,
      changes,
      prevHash,
      // A member only when set: events without a key hash as they did before keys existed.
      ...(apiKeyId === null || apiKeyId === undefined ? {} : { apiKeyId }),
    });
  };

  it.each<[string, Partial<HashedAuditFields>]>([
    ['a full event', {}],
    ['nulls', { actorId: null, ip: null, route: null, entityType: null }],
    ['undefined members', { ip: undefined, userAgent: undefined }],
    ['the first member undefined', { action: undefined }],
    ['an API key', { apiKeyId: '9b2f7c1e-4a3d-4e5f-8a6b-7c8d9e0f1a2b' }],
    ['a null API key', { apiKeyId: null }],
    ['members of unexpected types', { statusCode: '200' as never, action: 7 as never }],
    ['an occurredAt Date and one out of range', { occurredAt: new Date(Date.UTC(10000, 0, 1)) }],
    ['text that needs escaping', { path: '/a"b\\c\u2028', actorEmail: 'é@rct.test' }],
    [
      'nested changes',
      { changes: { b: { from: [1, { y: 1, x: 2 }], to: null }, a: { from: 'A', to: 'B' } } },
    ],
  ])('should write the same text as canonicalJson of the covered fields: %s', (_, overrides) => {
    const fields = { ...event, ...overrides };
    expect(auditHashInput(fields)).toBe(generic(fields));
  });
});

describe(hashAuditEvent.name, () => {
  it('should be a stable SHA-256 hex digest', () => {
    expect(hashAuditEvent(event)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEvent({ ...event })).toBe(hashAuditEvent(event));
  });

  it('should not depend on the key order of changes (jsonb reorders them)', () => {
    const reordered = {
      ...event,
      changes: { fullName: event.changes.fullName, role: event.changes.role },
    };
    expect(hashAuditEvent(reordered)).toBe(hashAuditEvent(event));
  });

  it('should ignore fields outside the chain, like seq and the stored hash', () => {
    expect(hashAuditEvent({ ...event, seq: '9', hash: 'x' } as HashedAuditFields)).toBe(
      hashAuditEvent(event),
    );
  });

  it.each<[keyof HashedAuditFields, unknown]>([
    ['actorEmail', 'b@rct.test'],
    ['occurredAt', new Date('2026-11-28T07:00:00.124Z')],
    ['statusCode', 201],
    ['prevHash', 'f'.repeat(64)],
    ['changes', { role: { from: 'viewer', to: 'admin' } }],
    ['apiKeyId', '7d1e4b8a-2c3f-4a5b-9c6d-0e1f2a3b4c5d'],
  ])('should change when %s changes', (field, value) => {
    expect(hashAuditEvent({ ...event, [field]: value })).not.toBe(hashAuditEvent(event));
  });

  it('should hash an event without an API key as events were hashed before keys existed', () => {
    expect(hashAuditEvent({ ...event, apiKeyId: null })).toBe(hashAuditEvent(event));
    expect(auditHashInput({ ...event, apiKeyId: null })).not.toContain('apiKeyId');
  });

  it('should place a set apiKeyId in sorted order, between actorRole and changes', () => {
    const input = auditHashInput({ ...event, apiKeyId: 'k-1' });
    expect(input).toContain('"actorRole":"admin","apiKeyId":"k-1","changes":');
  });
});

describe(hashAuditEvent.name, () => {
  it('should give the worked example in docs/audit-verification.md its documented hash', () => {
    const event = {
      action: 'update',
      actorEmail: 'admin@example.com',
      actorId: '0b7e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4',
      actorRole: 'admin',
      changes: { title: { from: 'Old', to: 'New' } },
      entityId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      entityType: 'risk',
      id: '6f1c2a52-8d0e-4a7b-9f51-2c3d4e5f6a7b',
      ip: '10.0.0.7',
      method: 'PATCH',
      occurredAt: new Date('2026-03-01T09:30:00.123Z'),
      outcome: 'success',
      path: '/api/v1/risks/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      prevHash: '0000000000000000000000000000000000000000000000000000000000000000',
      requestId: 'req-42',
      route: '/api/v1/risks/:id',
      statusCode: 200,
      userAgent: 'curl/8.5.0',
    } as HashedAuditFields;

    expect(hashAuditEvent(event)).toBe(
      '5cd66ba42a9825ff0a9566fd6f52f06d20237c0d0435021a16fa12a3162a3775',
    );
    expect(hashAuditEvent({ ...event, apiKeyId: null })).toBe(
      '5cd66ba42a9825ff0a9566fd6f52f06d20237c0d0435021a16fa12a3162a3775',
    );
  });

  it('should give the API key example in docs/audit-verification.md its documented hash', () => {
    const text =
      '{"action":"create","actorEmail":"ci-bot@example.com","actorId":"0b7e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4","actorRole":"manager","apiKeyId":"7d1e4b8a-2c3f-4a5b-9c6d-0e1f2a3b4c5d","changes":{},"entityId":"c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f","entityType":"risk","id":"6f1c2a52-8d0e-4a7b-9f51-2c3d4e5f6a7b","ip":"10.0.0.7","method":"POST","occurredAt":"2026-03-01T09:30:00.123Z","outcome":"success","path":"/api/v1/risks","prevHash":"0000000000000000000000000000000000000000000000000000000000000000","requestId":"req-43","route":"/api/v1/risks","statusCode":201,"userAgent":"ci/1.0"}';
    const event = JSON.parse(text) as HashedAuditFields & { occurredAt: string };
    const fields = { ...event, occurredAt: new Date(event.occurredAt) };

    expect(auditHashInput(fields)).toBe(text);
    expect(hashAuditEvent(fields)).toBe(API_KEY_EXAMPLE_HASH);
  });
});
