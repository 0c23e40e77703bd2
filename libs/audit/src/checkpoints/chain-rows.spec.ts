import { createHash } from 'node:crypto';
import { types } from 'pg';
import { auditHashInput, canonicalJson, GENESIS_HASH, hashAuditEvent } from '../audit-hash';
import { AuditOutcome } from '../audit-vocabulary';
import type { CopyTextField } from '@rct/database';
import { chainCopySql, chainEventOf } from './chain-rows';
import {
  referenceCanonicalJson,
  referenceHashInput,
  StoredEvent,
} from '../../../../test/support/reference-hash-input';

/** The timestamptz parser pg used for the old object-mode rows. */
const parseTimestamptz = (text: string): Date => types.getTypeParser(1184, 'text')(text) as Date;

const base: StoredEvent = {
  seq: '7',
  id: '3f6c2a0e-9a47-4c1b-8d0e-2b7f3c9d1a55',
  occurredAt: parseTimestamptz('2026-11-28 07:00:00.123+00'),
  actorId: '0b7e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4',
  actorEmail: 'a@rct.test',
  actorRole: 'admin',
  action: 'update',
  outcome: AuditOutcome.Success,
  entityType: 'risk',
  entityId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  method: 'PATCH',
  route: '/api/v1/risks/:id',
  path: '/api/v1/risks/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  statusCode: 200,
  requestId: 'req-1',
  ip: '127.0.0.1',
  userAgent: 'jest',
  changes: { title: { from: 'Old', to: 'New' } },
  apiKeyId: null,
  prevHash: GENESIS_HASH,
  hash: 'f'.repeat(64),
};

/** Text that JSON.stringify escapes, and text it leaves alone although it is unusual. */
const TRICKY_TEXT = [
  'quote " and backslash \\ and slash /',
  'controls \u0001\u0008\t\n\u000b\u000c\r\u001b\u001f and DEL \u007f',
  'non-ASCII é ü ß 中文 ключ, astral 😀 \u{1F600}, separators \u2028\u2029',
  'a lone surrogate \ud800 and \udfff',
  '\\u0041 is not an escape here',
  '',
];

const TRICKY_EVENTS: [string, Partial<StoredEvent>][] = [
  ['a plain event', {}],
  [
    'every nullable field null',
    {
      actorId: null,
      actorEmail: null,
      actorRole: null,
      entityType: null,
      entityId: null,
      route: null,
      ip: null,
      userAgent: null,
    },
  ],
  ['an API key', { apiKeyId: '7d1e4b8a-2c3f-4a5b-9c6d-0e1f2a3b4c5d' }],
  ['no apiKeyId member at all (an export from before keys)', { apiKeyId: undefined }],
  ...TRICKY_TEXT.map((text): [string, Partial<StoredEvent>] => [
    `text ${JSON.stringify(text)}`,
    { actorEmail: text, path: text, userAgent: text, requestId: text, entityId: text },
  ]),
  [
    'nested changes, keys out of order and needing escapes',
    {
      changes: {
        zeta: { from: [3, { y: 'é', x: null, '"': 1 }], to: { b: true, a: false } },
        ключ: { from: 1.5, to: -0 },
        'a\nb': { from: TRICKY_TEXT[1], to: TRICKY_TEXT[2] },
        Alpha: { from: { '\u{1F600}': 1, '\uFF21': 2, z: [] }, to: 1e21 },
      },
    },
  ],
  ['empty changes', { changes: {} }],
];

/**
 * Stored occurred_at text (as pg's text output writes it) and what chainCopySql hands over
 * for it: the ISO text rendered by PostgreSQL, or the plain text outside years 1 to 9999.
 */
const TIMESTAMPS: [string, string][] = [
  ['2026-11-28 07:00:00+00', '2026-11-28T07:00:00.000Z'],
  ['2026-11-28 07:00:00.1+00', '2026-11-28T07:00:00.100Z'],
  ['2026-11-28 07:00:00.123456+00', '2026-11-28T07:00:00.123Z'],
  ['2026-11-28 23:59:59.999999+00', '2026-11-28T23:59:59.999Z'],
  ['1969-12-31 23:59:59.000999+00', '1969-12-31T23:59:59.000Z'],
  ['0001-01-01 00:00:00.5+00', '0001-01-01T00:00:00.500Z'],
  ['9999-12-31 23:59:59.999999+00', '9999-12-31T23:59:59.999Z'],
  ['10000-01-01 00:00:00.25+00', '10000-01-01 00:00:00.25+00'],
  ['0001-12-31 23:59:59+00 BC', '0001-12-31 23:59:59+00 BC'],
  ['infinity', 'infinity'],
  ['-infinity', '-infinity'],
];

/** The COPY text row chainCopySql gives for a stored event (fields unescaped), occurred_at as handed over. */
function textRow(event: StoredEvent, occurredAtColumn: string): CopyTextField[] {
  return [
    event.seq,
    event.id,
    occurredAtColumn,
    event.actorId,
    event.actorEmail,
    event.actorRole,
    event.action,
    event.outcome,
    event.entityType,
    event.entityId,
    event.method,
    event.route,
    event.path,
    String(event.statusCode),
    event.requestId,
    event.ip,
    event.userAgent,
    JSON.stringify(event.changes),
    event.apiKeyId ?? null,
    event.prevHash,
    event.hash,
  ];
}

describe('the hash input on the fast path', () => {
  it.each(TRICKY_EVENTS)('should write the reference text for %s', (_, overrides) => {
    const event = { ...base, ...overrides };
    expect(auditHashInput(event)).toBe(referenceHashInput(event));
    expect(hashAuditEvent(event)).toBe(
      createHash('sha256').update(referenceHashInput(event), 'utf8').digest('hex'),
    );
  });

  it.each(TIMESTAMPS)('should read stored occurred_at %s as pg did', (stored, column) => {
    for (const [, overrides] of TRICKY_EVENTS) {
      const event = { ...base, ...overrides, occurredAt: parseTimestamptz(stored) };
      const read = chainEventOf(textRow(event, column));
      expect(auditHashInput(read)).toBe(referenceHashInput(event));
    }
  });

  it('should hand over the row as the verifier takes it', () => {
    const row = textRow(base, '2026-11-28T07:00:00.123Z');
    expect(chainEventOf(row)).toEqual({ ...base, occurredAt: '2026-11-28T07:00:00.123Z' });
  });

  it('should write every UTF-16 code unit as JSON.stringify does, alone and inside text', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (
        canonicalJson(char) !== JSON.stringify(char) ||
        canonicalJson(`ab${char}cd`) !== JSON.stringify(`ab${char}cd`) ||
        canonicalJson({ [char]: char }) !== referenceCanonicalJson({ [char]: char })
      ) {
        differing.push(code);
      }
    }
    expect(differing).toEqual([]);
  });

  it('should COPY from a seq written as the bigint it is, and refuse anything else', () => {
    expect(chainCopySql('0042')).toContain('WHERE seq >= 42 ORDER BY seq');
    expect(() => chainCopySql('1; DROP TABLE audit_events; --')).toThrow(SyntaxError);
  });
});
