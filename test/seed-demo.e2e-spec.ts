import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUntilExit, SEED_DEMO_CLI } from './support/server-process';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { loginAdmin } from './support/auth-helpers';

describe('npm run seed:demo', () => {
  let workDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'rct-seed-'));
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('should fill a fresh database with an audited register, and refuse to run twice', async () => {
    const env = {
      ...database.env,
      ADMIN_EMAIL: 'admin@rct.test',
      ADMIN_PASSWORD: 'admin-password-0001',
    };
    const first = await runUntilExit(env, workDir, { entry: SEED_DEMO_CLI });
    expect(first.output).toMatch(/Seeded 20 risks/);
    expect(first.code).toBe(0);
    // The seed signs no tokens, so it has nothing to say about JWT_SECRET.
    expect(first.output).not.toMatch(/JWT_SECRET/);
    const password = /password for all: (\S+)\)/.exec(first.output)?.[1];
    expect(password).toBeDefined();
    const apiKey = /X-API-Key: (rct_\S+)/.exec(first.output)?.[1];
    expect(apiKey).toBeDefined();

    const second = await runUntilExit(env, workDir, { entry: SEED_DEMO_CLI });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/already holds data/);

    const t: TestApp = await createTestApp({ database, env });
    try {
      const [counts] = await t.sql<Record<string, string>>(`
        SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM risks) AS risks,
               (SELECT count(*) FROM controls) AS controls, (SELECT count(*) FROM tasks) AS tasks,
               (SELECT count(*) FROM evidence) AS evidence,
               (SELECT count(DISTINCT role) FROM users) AS roles,
               (SELECT count(*) FROM audit_events WHERE method = 'SYSTEM') AS audited`);
      expect(Number(counts.users)).toBe(6);
      expect(Number(counts.roles)).toBe(4);
      expect(Number(counts.risks)).toBe(20);
      expect(Number(counts.controls)).toBeGreaterThan(15);
      expect(Number(counts.tasks)).toBeGreaterThan(10);
      expect(Number(counts.evidence)).toBeGreaterThan(3);
      expect(Number(counts.audited)).toBeGreaterThanOrEqual(
        Number(counts.users) +
          Number(counts.risks) +
          Number(counts.controls) +
          Number(counts.tasks),
      );
      const acceptances = await t.sql<{ status: string }>(
        'SELECT DISTINCT status::text AS status FROM risk_acceptances ORDER BY 1',
      );
      expect(acceptances.map((row) => row.status)).toEqual([
        'approved',
        'expired',
        'rejected',
        'requested',
        'revoked',
      ]);
      const [reviews] = await t.sql<{ done: string; overdue: string; expiries: string }>(`
        SELECT (SELECT count(*) FROM risk_reviews) AS done,
               (SELECT count(*) FROM risks WHERE next_review_at < now()) AS overdue,
               (SELECT count(*) FROM audit_events
                 WHERE action = 'acceptance_expire' AND actor_role = 'system') AS expiries`);
      expect(Number(reviews.done)).toBeGreaterThanOrEqual(3);
      expect(Number(reviews.overdue)).toBeGreaterThanOrEqual(2);
      expect(Number(reviews.expiries)).toBe(2);
      const admin = await loginAdmin(t);
      const verify = await t.http
        .get('/api/v1/audit-events/verify')
        .set('Authorization', `Bearer ${admin.accessToken}`);
      expect(verify.body).toMatchObject({ valid: true, firstBrokenId: null });
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'alex.analyst@example.com', password });
      expect(login.status).toBe(200);
      const byKey = await t.http.get('/api/v1/risks').set('X-API-Key', apiKey!);
      expect(byKey.status).toBe(200);
      expect(byKey.body.total).toBe(20);
    } finally {
      await t.close();
    }
  });
});
