import { hashAuditEvent } from '@rct/audit';
import { createPublicKey, generateKeyPairSync, KeyObject, randomUUID, verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Response } from 'supertest';
import { AuditCheckpointWriter } from '../libs/audit/src/checkpoints/audit-checkpoint.writer';
import { signCheckpoint } from '../libs/audit/src/checkpoints/checkpoint-signature';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { AUDIT_VERIFY_CLI, runUntilExit } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, serverUrl, TestDatabase } from './support/test-database';

interface Verdict {
  valid: boolean;
  checked: number;
  firstBrokenId: string | null;
  checkpointsChecked: number;
  firstBrokenCheckpointSeq: string | null;
  lastCheckpointSeq: string | null;
  problems: string[];
}

interface Checkpoint {
  id: string;
  seq: string;
  hash: string;
  keyId: string;
  signature: string;
}

/** The columns an event's hash covers, under their JSON names. */
const HASHED_COLUMNS = `id, occurred_at AS "occurredAt", actor_id AS "actorId",
  actor_email AS "actorEmail", actor_role AS "actorRole", action, outcome,
  entity_type AS "entityType", entity_id AS "entityId", method, route, path,
  status_code AS "statusCode", request_id AS "requestId", ip, user_agent AS "userAgent",
  changes, prev_hash AS "prevHash", hash, seq`;

/** Collects a body supertest would not parse (NDJSON) as bytes. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

const privatePem = (key: KeyObject): string =>
  key.export({ format: 'pem', type: 'pkcs8' }).toString();

// Tampering needs a superuser session on a real server (session_replication_role).
const describeOnServer = serverUrl() ? describe : describe.skip;

describeOnServer('audit checkpoints', () => {
  const signingKey = generateKeyPairSync('ed25519').privateKey;
  let t: TestApp;
  let admin: Session;

  beforeEach(async () => {
    t = await createTestApp({ env: { AUDIT_SIGNING_KEY: privatePem(signingKey) } });
    admin = await loginAdmin(t);
  });

  afterEach(() => t.close());

  async function writeEvents(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(admin))
        .send({ fullName: `Name ${randomUUID()}` })
        .expect(200);
    }
  }

  const checkpoint = async (): Promise<Checkpoint> => {
    const written = await t.app.get(AuditCheckpointWriter).write();
    if (!written) throw new Error('expected a checkpoint');
    return written;
  };

  async function verifyChain(query = ''): Promise<Verdict> {
    const res = await t.http.get(`/api/v1/audit-events/verify${query}`).set(...bearer(admin));
    expect(res.status).toBe(200);
    return res.body as Verdict;
  }

  /** Runs SQL as the superuser with triggers and foreign keys off, as an attacker could. */
  async function tamper(work: (client: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await work(client);
    } finally {
      await client.end();
    }
  }

  const headSeq = async (): Promise<string> =>
    (await t.sql<{ seq: string }>('SELECT max(seq)::text AS seq FROM audit_events'))[0].seq;

  describe('writing', () => {
    it('should sign the head once, list it newest first and list the key that verifies it', async () => {
      await writeEvents(2);
      const first = await checkpoint();
      expect(first.seq).toBe(await headSeq());
      expect(await t.app.get(AuditCheckpointWriter).write()).toBeNull();
      await writeEvents(1);
      const second = await checkpoint();

      const page = await t.http.get('/api/v1/audit-events/checkpoints').set(...bearer(admin));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(page.body.items.map((item: Checkpoint) => item.seq)).toEqual([second.seq, first.seq]);

      const keys = await t.http.get('/api/v1/audit-events/public-keys').set(...bearer(admin));
      expect(keys.status).toBe(200);
      expect(keys.body.items).toHaveLength(1);
      const [key] = keys.body.items;
      expect(key).toMatchObject({ keyId: first.keyId, algorithm: 'Ed25519' });
      const message = `rct-audit-checkpoint:v1:${first.seq}:${first.hash}`;
      expect(
        verify(
          null,
          Buffer.from(message, 'utf8'),
          createPublicKey(key.publicKeyPem),
          Buffer.from(first.signature, 'base64'),
        ),
      ).toBe(true);
    });

    it('should store one checkpoint when two writers sign the same head', async () => {
      await writeEvents(1);
      const writer = t.app.get(AuditCheckpointWriter);
      const results = await Promise.all([writer.write(), writer.write(), writer.write()]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await t.sql('SELECT seq FROM audit_checkpoints');
      expect(rows).toHaveLength(1);
    });

    it('should refuse to change or delete a checkpoint', async () => {
      await writeEvents(1);
      const { id } = await checkpoint();
      await expect(t.sql('DELETE FROM audit_checkpoints WHERE id = $1', [id])).rejects.toThrow(
        /audit_checkpoints is append-only: DELETE/,
      );
      await expect(t.sql(`UPDATE audit_signing_keys SET algorithm = 'x'`)).rejects.toThrow(
        /audit_signing_keys is append-only: UPDATE/,
      );
    });

    it('should keep checkpoints and public keys for admins only', async () => {
      const viewer = await createUserAndLogin(t, admin, 'manager');
      for (const path of ['checkpoints', 'public-keys', 'verify']) {
        await t.http
          .get(`/api/v1/audit-events/${path}`)
          .set(...bearer(viewer))
          .expect(403);
      }
    });
  });

  describe('verification', () => {
    it('should pass an intact trail and check incrementally from a checkpoint', async () => {
      await writeEvents(3);
      const first = await checkpoint();
      await writeEvents(4);
      const last = await checkpoint();
      await writeEvents(2);

      const full = await verifyChain();
      expect(full).toEqual({
        valid: true,
        checked: Number(await headSeq()),
        firstBrokenId: null,
        checkpointsChecked: 2,
        firstBrokenCheckpointSeq: null,
        lastCheckpointSeq: last.seq,
        problems: [],
      });

      const fromFirst = await verifyChain(`?fromSeq=${first.seq}`);
      const [{ count }] = await t.sql<{ count: string }>(
        'SELECT count(*) FROM audit_events WHERE seq >= $1',
        [first.seq],
      );
      expect(fromFirst).toMatchObject({
        valid: true,
        checked: Number(count),
        checkpointsChecked: 2,
      });
      const fromLast = await verifyChain(`?fromSeq=${last.seq}`);
      expect(fromLast).toMatchObject({ valid: true, checked: 3, checkpointsChecked: 1 });
    });

    it('should answer 404 for a fromSeq that is no checkpoint and 400 for one that is no seq', async () => {
      await writeEvents(1);
      await checkpoint();
      const missing = await t.http
        .get('/api/v1/audit-events/verify?fromSeq=999999')
        .set(...bearer(admin));
      expect(missing.status).toBe(404);
      const malformed = await t.http
        .get('/api/v1/audit-events/verify?fromSeq=-1')
        .set(...bearer(admin));
      expect(malformed.status).toBe(400);
    });

    it('should report the newest events deleted past a checkpoint', async () => {
      await writeEvents(5);
      const signed = await checkpoint();
      await tamper((client) =>
        client.query('DELETE FROM audit_events WHERE seq > $1', [
          (BigInt(signed.seq) - 3n).toString(),
        ]),
      );
      const verdict = await verifyChain();
      expect(verdict).toMatchObject({
        valid: false,
        firstBrokenId: null,
        firstBrokenCheckpointSeq: signed.seq,
      });
      expect(verdict.problems).toEqual([
        expect.stringMatching(
          new RegExp(
            `^checkpoint ${signed.seq}: event ${signed.seq} is missing.*events were deleted`,
          ),
        ),
      ]);
    });

    it('should report the chain rewritten from the middle with recomputed hashes', async () => {
      await writeEvents(6);
      const signed = await checkpoint();
      const from = String(BigInt(signed.seq) - 4n);
      await tamper(async (client) => {
        const { rows } = await client.query<Parameters<typeof hashAuditEvent>[0] & { seq: string }>(
          `SELECT ${HASHED_COLUMNS} FROM audit_events WHERE seq >= $1 ORDER BY seq`,
          [from],
        );
        let prevHash = rows[0].prevHash;
        for (const row of rows) {
          const forged = { ...row, actorEmail: 'nobody@rct.test', prevHash };
          const hash = hashAuditEvent(forged);
          await client.query(
            'UPDATE audit_events SET actor_email = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
            [row.seq, forged.actorEmail, prevHash, hash],
          );
          prevHash = hash;
        }
      });
      const verdict = await verifyChain();
      // The chain itself holds: only the signed checkpoint shows the rewrite.
      expect(verdict).toMatchObject({
        valid: false,
        firstBrokenId: null,
        firstBrokenCheckpointSeq: signed.seq,
      });
      expect(verdict.checked).toBe(Number(await headSeq()));
      expect(verdict.problems[0]).toMatch(
        new RegExp(`^checkpoint ${signed.seq}: .*not the signed ${signed.hash}.*rewritten`),
      );
    });

    it('should name the first of two swapped events', async () => {
      await writeEvents(4);
      const head = BigInt(await headSeq());
      const [a, b] = [String(head - 2n), String(head - 1n)];
      await tamper(async (client) => {
        // Every column but seq trades places.
        const { rows: columnRows } = await client.query<{ name: string }>(
          `SELECT column_name AS name FROM information_schema.columns
             WHERE table_name = 'audit_events' AND column_name <> 'seq'`,
        );
        const swapped = columnRows.map((row) => row.name);
        const read = async (seq: string) =>
          (
            await client.query(`SELECT ${swapped.join(', ')} FROM audit_events WHERE seq = $1`, [
              seq,
            ])
          ).rows[0] as Record<string, unknown>;
        const [lower, upper] = [await read(a), await read(b)];
        const overwrite = (seq: string, row: Record<string, unknown>) =>
          client.query(
            `UPDATE audit_events SET ${swapped.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE seq = $1`,
            [seq, ...swapped.map((column) => row[column])],
          );
        // Ids are unique: the lower row lets go of its id before the upper row takes it.
        await client.query('UPDATE audit_events SET id = $2 WHERE seq = $1', [a, randomUUID()]);
        await overwrite(b, lower);
        await overwrite(a, upper);
      });
      const [moved] = await t.sql<{ id: string }>('SELECT id FROM audit_events WHERE seq = $1', [
        a,
      ]);
      const verdict = await verifyChain();
      expect(verdict.valid).toBe(false);
      expect(verdict.firstBrokenId).toBe(moved.id);
      expect(verdict.problems[0]).toMatch(
        new RegExp(`^event ${a} \\(${moved.id}\\) does not link to the event before it`),
      );
    });

    it('should report a checkpoint forged with another key, and one by a key nobody listed', async () => {
      await writeEvents(2);
      const genuine = await checkpoint();
      await writeEvents(2);
      const forger = generateKeyPairSync('ed25519').privateKey;
      const [head] = await t.sql<{ seq: string; hash: string; occurred_at: Date }>(
        'SELECT seq::text, hash, occurred_at FROM audit_events ORDER BY seq DESC LIMIT 1',
      );
      const forge = (seq: string, keyId: string) =>
        tamper((client) =>
          client.query(
            `INSERT INTO audit_checkpoints (id, seq, hash, occurred_at, signed_at, key_id, signature)
               VALUES ($1, $2, $3, $4, now(), $5, $6)`,
            [
              randomUUID(),
              seq,
              head.hash,
              head.occurred_at,
              keyId,
              signCheckpoint(forger, seq, head.hash),
            ],
          ),
        );
      await forge(head.seq, genuine.keyId);
      const verdict = await verifyChain();
      expect(verdict).toMatchObject({
        valid: false,
        firstBrokenCheckpointSeq: head.seq,
        firstBrokenId: null,
      });
      expect(verdict.problems).toEqual([
        `checkpoint ${head.seq}: signature does not verify with key ${genuine.keyId}`,
      ]);

      await writeEvents(1);
      const next = await headSeq();
      await forge(next, 'ffffffffffffffff');
      const unknown = await verifyChain(`?fromSeq=${genuine.seq}`);
      expect(unknown.problems).toContain(
        `checkpoint ${next}: signed by unknown key ffffffffffffffff`,
      );
    });
  });

  describe('export and offline verification', () => {
    let workDir: string;

    beforeEach(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'rct-audit-verify-'));
    });

    afterEach(() => rm(workDir, { recursive: true, force: true }));

    async function exportTrail(): Promise<{ text: string; headers: Record<string, string> }> {
      const res = await t.http
        .get('/api/v1/audit-events/export?format=ndjson')
        .set(...bearer(admin))
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      return { text: (res.body as Buffer).toString('utf8'), headers: res.headers };
    }

    async function runVerify(events: string, checkpoints: string, key: string) {
      return runUntilExit({}, workDir, {
        entry: AUDIT_VERIFY_CLI,
        args: ['--events', events, '--checkpoints', checkpoints, '--public-key', key],
      });
    }

    it('should export every event in chain order as the list renders it, and audit the export', async () => {
      await writeEvents(3);
      const head = await headSeq();
      const { text, headers } = await exportTrail();
      expect(headers['content-type']).toMatch(/^application\/x-ndjson/);
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      expect(headers['content-disposition']).toBe(
        `attachment; filename="audit-events-${day}.ndjson"`,
      );
      const lines = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { seq: string });
      expect(lines.map((line) => line.seq)).toEqual(
        Array.from({ length: Number(head) }, (_, index) => String(index + 1)),
      );
      const newest = await t.http
        .get(`/api/v1/audit-events?limit=1&cursor=${Number(lines[lines.length - 1].seq) + 1}`)
        .set(...bearer(admin));
      expect(lines[lines.length - 1]).toEqual(newest.body.items[0]);

      const deadline = Date.now() + 5_000;
      let audited: Record<string, unknown>[] = [];
      while (audited.length === 0 && Date.now() < deadline) {
        audited = (await t.http.get('/api/v1/audit-events?action=export').set(...bearer(admin)))
          .body.items;
      }
      expect(audited[0]).toMatchObject({
        action: 'export',
        outcome: 'success',
        actorId: admin.user.id,
        method: 'GET',
        route: '/api/v1/audit-events/export',
        changes: { format: { from: null, to: 'ndjson' }, rows: { from: null, to: lines.length } },
      });
    });

    it('should verify a real export offline, and name the event changed in a tampered copy', async () => {
      await writeEvents(4);
      await checkpoint();
      const { text } = await exportTrail();
      const checkpoints = await t.http
        .get('/api/v1/audit-events/checkpoints')
        .set(...bearer(admin));
      const keys = await t.http.get('/api/v1/audit-events/public-keys').set(...bearer(admin));
      const files = {
        events: join(workDir, 'events.ndjson'),
        tampered: join(workDir, 'tampered.ndjson'),
        checkpoints: join(workDir, 'checkpoints.json'),
        key: join(workDir, 'key.pem'),
      };
      await writeFile(files.events, text);
      await writeFile(files.checkpoints, JSON.stringify(checkpoints.body));
      await writeFile(files.key, keys.body.items[0].publicKeyPem);

      const valid = await runVerify(files.events, files.checkpoints, files.key);
      expect(valid.output).toMatch(/^valid: \d+ events, 1 checkpoints checked/m);
      expect(valid.code).toBe(0);

      const lines = text.trimEnd().split('\n');
      const target = JSON.parse(lines[2]);
      lines[2] = JSON.stringify({ ...target, actorEmail: 'someone-else@rct.test' });
      await writeFile(files.tampered, `${lines.join('\n')}\n`);
      const tampered = await runVerify(files.tampered, files.checkpoints, files.key);
      expect(tampered.code).toBe(1);
      expect(tampered.output).toContain(
        `event ${target.seq} (${target.id}) does not match its hash`,
      );

      const otherKey = join(workDir, 'other.pem');
      await writeFile(
        otherKey,
        generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      );
      const untrusted = await runVerify(files.events, files.checkpoints, otherKey);
      expect(untrusted.code).toBe(1);
      expect(untrusted.output).toMatch(/signed by unknown key/);
    });
  });

  describe('schedule and shutdown', () => {
    let database: TestDatabase;

    beforeEach(async () => {
      database = await createTestDatabase();
    });

    afterEach(() => database.drop());

    it('should checkpoint on the interval when events were added, and once more at shutdown', async () => {
      const app = await createTestApp({
        database,
        env: { AUDIT_CHECKPOINT_INTERVAL: '1', AUDIT_SIGNING_KEY: privatePem(signingKey) },
      });
      const session = await loginAdmin(app);
      const checkpoints = async () =>
        (
          await app.sql<{ seq: string }>('SELECT seq::text FROM audit_checkpoints ORDER BY seq')
        ).map((row) => row.seq);
      const deadline = Date.now() + 10_000;
      while ((await checkpoints()).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await checkpoints()).length).toBeGreaterThan(0);
      await app.http
        .patch('/api/v1/auth/me')
        .set(...bearer(session))
        .send({ fullName: 'Last words' })
        .expect(200);
      const [{ seq: head }] = await app.sql<{ seq: string }>(
        'SELECT max(seq)::text AS seq FROM audit_events',
      );
      await app.close();

      const client = new Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ seq: string }>(
          'SELECT max(seq)::text AS seq FROM audit_checkpoints',
        );
        expect(rows[0].seq).toBe(head);
      } finally {
        await client.end();
      }
    });
  });
});
