import { auditHashInput } from '../libs/audit/src/audit-hash';
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyTextRowBatches, CopyTextField } from '../libs/database/src';
import { chainCopySql, chainEventOf } from '../libs/audit/src/checkpoints/chain-rows';
import { bearer, loginAdmin } from './support/auth-helpers';
import { referenceHashInput, StoredEvent } from './support/reference-hash-input';
import { createTestApp, TestApp } from './support/test-app';
import { serverUrl } from './support/test-database';

/** The columns as the verifier read them before, in pg's object mode (a Date for occurredAt). */
const OBJECT_COLUMNS = `seq, id, occurred_at AS "occurredAt", actor_id AS "actorId",
  actor_email AS "actorEmail", actor_role AS "actorRole", action, outcome,
  entity_type AS "entityType", entity_id AS "entityId", method, route, path,
  status_code AS "statusCode", request_id AS "requestId", ip, user_agent AS "userAgent",
  changes, api_key_id AS "apiKeyId", prev_hash AS "prevHash", hash`;

/** Stored timestamps: milliseconds, none, microseconds, and outside the years 1 to 9999. */
const OCCURRED_AT = [
  '2026-11-28 07:00:00.123+00',
  '2026-11-28 07:00:00+00',
  '2026-11-28 07:00:00.123456+00',
  '2026-11-28 23:59:59.999999+00',
  '1969-12-31 23:59:59.000999+00',
  '0001-01-01 00:00:00.5+00',
  '9999-12-31 23:59:59.999999+00',
  '10000-01-01 00:00:00.25+00',
  '0044-03-15 12:00:00+00 BC',
  'infinity',
];

const TEXT = [
  'quote " backslash \\ slash /',
  'controls \u0001\b\t\n\u000b\f\r\u001b\u001f DEL \u007f',
  'non-ASCII é 中文 ключ 😀 \u2028\u2029',
  '\\u0041 stays text',
];

// Direct inserts into audit_events need the superuser of a real server.
const describeOnServer = serverUrl() ? describe : describe.skip;

describeOnServer('reading the audit chain for verification', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  /**
   * Appends events the API would not write (odd timestamps, text that needs escaping) onto the
   * chain's head, each hashed from the reference input of the row as pg's object mode reads it.
   */
  async function appendTrickyEvents(client: Client): Promise<void> {
    let apiKeyId: string | null = null;
    for (const [index, occurredAt] of OCCURRED_AT.entries()) {
      const text = TEXT[index % TEXT.length];
      const head = await client.query<{ hash: string }>(
        'SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1',
      );
      // The timestamp as pg's object mode parses the stored value (a Date, or +-Infinity).
      const stored = await client.query<{ occurredAt: Date }>(
        'SELECT $1::timestamptz AS "occurredAt"',
        [occurredAt],
      );
      apiKeyId = apiKeyId ? null : randomUUID();
      const event: StoredEvent = {
        seq: '0',
        id: randomUUID(),
        occurredAt: stored.rows[0].occurredAt,
        actorId: index % 3 === 0 ? null : randomUUID(),
        actorEmail: index % 3 === 0 ? null : `${text}@rct.test`,
        actorRole: index % 3 === 0 ? null : 'admin',
        action: 'update',
        outcome: 'success' as StoredEvent['outcome'],
        entityType: index % 3 === 1 ? null : 'risk',
        entityId: index % 3 === 1 ? null : text,
        method: 'PATCH',
        route: index % 3 === 2 ? null : '/api/v1/risks/:id',
        path: `/api/v1/risks/${text}`,
        statusCode: 200 + index,
        requestId: `req-${text}`,
        ip: index % 2 === 0 ? null : '10.0.0.1',
        userAgent: index % 2 === 0 ? null : text,
        changes: {
          zeta: { from: [3, { y: text, x: null }], to: { b: true, a: 1.5 } },
          [text]: { from: null, to: text },
          Alpha: { from: { '\u{1F600}': 1, '\uFF21': 2 }, to: [] },
        },
        apiKeyId,
        prevHash: head.rows[0].hash,
        hash: '',
      };
      const hash = createHash('sha256').update(referenceHashInput(event), 'utf8').digest('hex');
      await client.query(
        `INSERT INTO audit_events (id, occurred_at, actor_id, actor_email, actor_role, action,
           outcome, entity_type, entity_id, method, route, path, status_code, request_id, ip,
           user_agent, changes, api_key_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
           $18, $19, $20)`,
        [
          event.id,
          occurredAt,
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
          event.statusCode,
          event.requestId,
          event.ip,
          event.userAgent,
          JSON.stringify(event.changes),
          event.apiKeyId,
          event.prevHash,
          hash,
        ],
      );
    }
  }

  it('should hash every stored event, read through COPY, from the same text as the object-mode rows did', async () => {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await appendTrickyEvents(client);
      const before = await client.query<StoredEvent>(
        `SELECT ${OBJECT_COLUMNS} FROM audit_events ORDER BY seq`,
      );
      const now = { rows: [] as CopyTextField[][] };
      for await (const rows of copyTextRowBatches(client.query(copyTo(chainCopySql('0'))))) {
        now.rows.push(...rows);
      }
      expect(now.rows).toHaveLength(before.rows.length);
      expect(before.rows.length).toBeGreaterThan(OCCURRED_AT.length);
      for (const [index, row] of now.rows.entries()) {
        expect(auditHashInput(chainEventOf(row))).toBe(referenceHashInput(before.rows[index]));
      }
      const isoTexts = now.rows.map((row) => chainEventOf(row).occurredAt);
      expect(isoTexts.slice(-OCCURRED_AT.length).map(String)).toEqual([
        '2026-11-28T07:00:00.123Z',
        '2026-11-28T07:00:00.000Z',
        '2026-11-28T07:00:00.123Z',
        '2026-11-28T23:59:59.999Z',
        '1969-12-31T23:59:59.000Z',
        '0001-01-01T00:00:00.500Z',
        '9999-12-31T23:59:59.999Z',
        // Outside the years 1 to 9999, a Date (or Infinity) as pg parses it.
        String(before.rows.at(-3)!.occurredAt),
        String(before.rows.at(-2)!.occurredAt),
        'Infinity',
      ]);
    } finally {
      await client.end();
    }

    const admin = await loginAdmin(t);
    const res = await t.http.get('/api/v1/audit-events/verify').set(...bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, firstBrokenId: null, problems: [] });
    const [{ count }] = await t.sql<{ count: string }>('SELECT count(*)::text FROM audit_events');
    expect(res.body.checked).toBe(Number(count));
  });
});
