import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, inPool } from './support/http-client';
import { ServerProcess, startServerProcess } from './support/server-process';
import { createTestDatabase, serverUrl, TestDatabase } from './support/test-database';
import { TEST_ADMIN, TEST_JWT_SECRET } from './support/test-app';

const WRITES = 300;
const KILLS_AFTER = [60, 140, 220];
const RECOVERY_MS = 5_000;

const withServer = serverUrl() ? describe : describe.skip;

interface Outcome {
  status: number | 'network-error';
  id?: string;
  finishedAt: number;
}

/**
 * Faults a real deployment meets: the database drops the app's connections mid-write, and the
 * process is told to stop while requests are in flight. Bounded by counts, not by time.
 */
withServer('faults', () => {
  let database: TestDatabase;
  let workDir: string;
  let db: Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    workDir = await mkdtemp(join(tmpdir(), 'rct-faults-'));
    env = {
      ...database.env,
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_AUTHENTICATED: '0',
    };
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await database?.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  async function signIn(server: ServerProcess): Promise<{ token: string; ownerId: string }> {
    const session = await call<{ accessToken: string; user: { id: string } }>(
      server.url,
      'POST',
      '/api/v1/auth/login',
      { body: TEST_ADMIN },
    );
    return { token: session.body.accessToken, ownerId: session.body.user.id };
  }

  async function write(
    server: ServerProcess,
    session: { token: string; ownerId: string },
    title: string,
  ): Promise<Outcome> {
    try {
      const res = await call<{ id: string }>(server.url, 'POST', '/api/v1/risks', {
        token: session.token,
        body: { title, category: 'Faults', ownerId: session.ownerId, likelihood: 2, impact: 2 },
      });
      return { status: res.status, id: res.body.id, finishedAt: Date.now() };
    } catch {
      return { status: 'network-error', finishedAt: Date.now() };
    }
  }

  /** Titles with their create events: none may exist without one. */
  async function stored(prefix: string) {
    const { rows } = await db.query<{ id: string; title: string; events: string }>(
      `SELECT r.id, r.title, count(e.id) AS events FROM risks r
         LEFT JOIN audit_events e ON e.entity_id = r.id::text AND e.action = 'create'
        WHERE r.title LIKE $1 GROUP BY r.id, r.title`,
      [`${prefix}%`],
    );
    return rows;
  }

  async function verifyChain(server: ServerProcess, token: string): Promise<boolean> {
    const verdict = await call<{ valid: boolean }>(
      server.url,
      'GET',
      '/api/v1/audit-events/verify',
      {
        token,
      },
    );
    return verdict.body.valid;
  }

  it('should lose no acknowledged write and write none without its event when its connections are killed three times', async () => {
    const server = await startServerProcess(env, workDir, 120_000);
    try {
      const session = await signIn(server);
      const kills: number[] = [];
      let done = 0;
      const outcomes = await inPool(
        Array.from({ length: WRITES }, (_, i) => i),
        6,
        async (i) => {
          const outcome = await write(server, session, `Fault risk ${i}`);
          done++;
          if (KILLS_AFTER.includes(done)) {
            kills.push(Date.now());
            await db.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = current_database() AND pid <> pg_backend_pid()`,
            );
          }
          return outcome;
        },
      );
      expect(kills).toHaveLength(3);

      const acknowledged = outcomes.filter((o) => o.status === 201);
      const rows = await stored('Fault risk ');
      // Every 201 is stored with its event; nothing is stored without one.
      expect(rows.every((row) => row.events === '1')).toBe(true);
      const storedIds = new Set(rows.map((row) => row.id));
      for (const outcome of acknowledged) expect(storedIds.has(outcome.id!)).toBe(true);
      // A failed write answered a problem, never a dropped connection, and stored nothing.
      const failed = outcomes.filter((o) => o.status !== 201);
      for (const outcome of failed) expect([500, 503]).toContain(outcome.status);
      expect(rows).toHaveLength(acknowledged.length);
      // Serving again within RECOVERY_MS of each kill, without a restart.
      for (const killedAt of kills) {
        const next = acknowledged.find((o) => o.finishedAt > killedAt);
        expect(next).toBeDefined();
        expect(next!.finishedAt - killedAt).toBeLessThan(RECOVERY_MS);
      }
      expect(await verifyChain(server, session.token)).toBe(true);
      process.stdout.write(
        `faults: ${acknowledged.length}/${WRITES} writes acknowledged, ${failed.length} refused across 3 kills\n`,
      );
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('should answer every request it accepted when SIGTERM arrives during load', async () => {
    const server = await startServerProcess(env, workDir, 120_000);
    const session = await signIn(server);
    let done = 0;
    let exit: Promise<number | null> | undefined;
    const outcomes = await inPool(
      Array.from({ length: 120 }, (_, i) => i),
      12,
      async (i) => {
        const outcome = await write(server, session, `Drain risk ${i}`);
        if (++done === 30) exit = server.stop('SIGTERM');
        return outcome;
      },
    );
    expect(await exit).toBe(0);
    const rows = await stored('Drain risk ');
    const storedIds = new Set(rows.map((row) => row.id));
    const acknowledged = outcomes.filter((o) => o.status === 201);
    // Every stored write was answered 201, and every 201 is stored with its event.
    expect(rows).toHaveLength(acknowledged.length);
    expect(rows.every((row) => row.events === '1')).toBe(true);
    for (const outcome of acknowledged) expect(storedIds.has(outcome.id!)).toBe(true);
    // The rest were turned away (503 while closing, or refused connections), never half-done.
    for (const outcome of outcomes.filter((o) => o.status !== 201)) {
      expect([503, 'network-error']).toContain(outcome.status);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
  }, 180_000);
});
