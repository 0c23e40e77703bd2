import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { call, inPool } from './support/http-client';
import { RedisServer } from './support/redis-server';
import { ServerProcess, startServerProcess } from './support/server-process';
import { createTestDatabase, serverUrl, TestDatabase } from './support/test-database';
import { TEST_ADMIN, TEST_JWT_SECRET } from './support/test-app';

const WRITES = 500;

/** Several processes need a PostgreSQL server: the embedded one is held by one process. */
const withServer = serverUrl() ? describe : describe.skip;

/**
 * Two API processes on one database and one Redis, as behind a load balancer: what one does,
 * the other sees and counts.
 */
withServer('two instances, one database, one Redis', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let workDir: string;
  let db: Client;
  const servers: ServerProcess[] = [];
  let token: string;
  let ownerId: string;
  let address = 0;
  const nextAddress = () => `198.51.100.${++address}`;
  const server = (i: number) => servers[i % 2].url;

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase();
    workDir = await mkdtemp(join(tmpdir(), 'rct-instances-'));
    const signingKey = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    const env = {
      ...database.env,
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      AUDIT_SIGNING_KEY: signingKey,
      AUDIT_CHECKPOINT_INTERVAL: '1',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      REDIS_URL: redis.url,
      TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT_ANONYMOUS: '5',
      RATE_LIMIT_AUTHENTICATED: '0',
      LOGIN_MAX_FAILURES: '5',
    };
    // One after the other: the first creates the admin, the second finds it.
    servers.push(await startServerProcess(env, workDir, 120_000));
    servers.push(await startServerProcess(env, workDir, 120_000));
    db = new Client({ connectionString: database.url });
    await db.connect();
    const session = await call<{ accessToken: string; user: { id: string } }>(
      server(0),
      'POST',
      '/api/v1/auth/login',
      { body: TEST_ADMIN, headers: { 'x-forwarded-for': nextAddress() } },
    );
    token = session.body.accessToken;
    ownerId = session.body.user.id;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.end();
    await database?.drop();
    await redis?.stop();
    await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  const createRisk = (i: number, title: string) =>
    call<{ id: string }>(server(i), 'POST', '/api/v1/risks', {
      token,
      body: { title, category: 'Operations', ownerId, likelihood: 1 + (i % 5), impact: 3 },
    });

  it(`should leave one audit event per write for ${WRITES} writes spread over both, and a valid chain`, async () => {
    const created = await inPool(
      Array.from({ length: WRITES }, (_, i) => i),
      16,
      async (i) => {
        const res = await createRisk(i, `Spread risk ${i}`);
        expect(res.status).toBe(201);
        return res.body.id;
      },
    );
    const { rows } = await db.query<{ id: string; events: string }>(
      `SELECT r.id, count(e.id) AS events FROM risks r
         LEFT JOIN audit_events e ON e.entity_id = r.id::text AND e.action = 'create'
        WHERE r.title LIKE 'Spread risk %' GROUP BY r.id`,
    );
    expect(rows).toHaveLength(WRITES);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(created));
    expect(rows.every((row) => row.events === '1')).toBe(true);
    for (const i of [0, 1]) {
      const verdict = await call<{ valid: boolean; checked: number }>(
        server(i),
        'GET',
        '/api/v1/audit-events/verify',
        { token },
      );
      expect(verdict.status).toBe(200);
      expect(verdict.body.valid).toBe(true);
      expect(verdict.body.checked).toBeGreaterThanOrEqual(WRITES);
    }
  });

  it('should show a write made on one instance in a list read on the other right after', async () => {
    for (let i = 0; i < 20; i++) {
      // Read the list first on the reader, so a cached page exists to go stale.
      await call(server(i + 1), 'GET', '/api/v1/risks?category=Fresh&limit=100', { token });
      const title = `Fresh risk ${i}`;
      expect((await createRisk(i, title)).status).toBe(201);
      const list = await call<{ items: { title: string }[]; total: number }>(
        server(i + 1),
        'GET',
        '/api/v1/risks?q=Fresh&limit=100',
        { token },
      );
      expect(list.body.items.map((risk) => risk.title)).toContain(title);
    }
  });

  it('should lock an account on both after five failed sign-ins spread over both', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call(server(i), 'POST', '/api/v1/auth/login', {
        body: { email: TEST_ADMIN.email, password: `wrong-password-${i}` },
        headers: { 'x-forwarded-for': nextAddress() },
      });
      expect(res.status).toBe(401);
    }
    for (const i of [0, 1]) {
      const res = await call(server(i), 'POST', '/api/v1/auth/login', {
        body: TEST_ADMIN,
        headers: { 'x-forwarded-for': nextAddress() },
      });
      expect(res.status).toBe(429);
    }
  });

  it('should share the rate limit', async () => {
    const from = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call(server(i), 'GET', '/api/v1/risks', {
        headers: { 'x-forwarded-for': from },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('should sign each head of the chain once, whichever instance gets there first', async () => {
    // Both tick every second; give them a few ticks after the writes above.
    for (let attempt = 0; attempt < 50; attempt++) {
      const head = await db.query<{ seq: string }>('SELECT max(seq) AS seq FROM audit_events');
      const signed = await db.query<{ seq: string }>(
        'SELECT max(seq) AS seq FROM audit_checkpoints',
      );
      if (signed.rows[0].seq === head.rows[0].seq) break;
      await sleep(200);
    }
    const duplicates = await db.query(
      'SELECT seq FROM audit_checkpoints GROUP BY seq HAVING count(*) > 1',
    );
    expect(duplicates.rows).toEqual([]);
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_checkpoints');
    const logged = servers
      .map((s) => s.output().match(/Audit checkpoint signed/g)?.length ?? 0)
      .reduce((sum, n) => sum + n, 0);
    // Each stored checkpoint was announced by exactly one instance.
    expect(logged).toBe(Number(rows[0].n));
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });
});
