import { bearer, loginAdmin } from './support/auth-helpers';
import { createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';
import { createEmbeddedDatabase, serverUrl } from './support/test-database';

/**
 * One pooled connection, so the statements the requests prepared are the ones this session
 * (t.sql runs on the same connection) lists in pg_prepared_statements.
 */
async function appWithOneConnection(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ env: { DATABASE_POOL_SIZE: '1', ...env } });
}

/** A read, a write under If-Match and the reads around it, as a client would do them. */
async function readAndUpdateARisk(t: TestApp): Promise<void> {
  const admin = await loginAdmin(t);
  const risk = await createRisk(t, admin, { title: 'Prepared once' });
  const read = await t.http.get(`/api/v1/risks/${risk.id}`).set(...bearer(admin));
  expect(read.status).toBe(200);
  expect(read.body).toMatchObject({ id: risk.id, title: 'Prepared once' });
  const updated = await t.http
    .patch(`/api/v1/risks/${risk.id}`)
    .set(...bearer(admin))
    .set('If-Match', `"${risk.version}"`)
    .send({ title: 'Prepared twice' });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({ title: 'Prepared twice', version: risk.version + 1 });
}

async function preparedByTheApp(t: TestApp): Promise<string[]> {
  const rows = await t.sql<{ statement: string }>(
    "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'rct\\_%' ORDER BY statement",
  );
  return rows.map((row) => row.statement.replace(/\s+/g, ' '));
}

const describeOnServer = serverUrl() ? describe : describe.skip;

describeOnServer('prepared statements on a PostgreSQL server', () => {
  describe('by default', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWithOneConnection();
    });
    afterAll(() => t.close());

    it('should prepare the session lookup, primary-key reads and the list stamp', async () => {
      await readAndUpdateARisk(t);
      await t.http.get('/api/v1/risks').set(...bearer(await loginAdmin(t)));
      const prepared = await preparedByTheApp(t);
      expect(prepared).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/FROM "users" WHERE "id" = \$1/),
          expect.stringMatching(/FROM "risks" WHERE "id" = \$1$/),
          expect.stringMatching(/FROM "change_stamps" WHERE "table_name" = \$1$/),
        ]),
      );
      // What TypeORM builds (writes, locks, lists) goes unnamed.
      expect(prepared.filter((statement) => /^(INSERT|UPDATE)/.test(statement))).toEqual([]);
    });

    it('should answer from a prepared statement after its table changed shape', async () => {
      const admin = await loginAdmin(t);
      const risk = await createRisk(t, admin);
      // A schema change invalidates the cached plan; PostgreSQL must replan, not fail.
      await t.sql('CREATE INDEX risks_prepared_probe_idx ON risks (title, category)');
      try {
        const read = await t.http.get(`/api/v1/risks/${risk.id}`).set(...bearer(admin));
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ id: risk.id });
      } finally {
        await t.sql('DROP INDEX risks_prepared_probe_idx');
      }
    });

    it('should still link the audit events of its writes into a valid chain', async () => {
      await readAndUpdateARisk(t);
      const verify = await t.http
        .get('/api/v1/audit-events/verify')
        .set(...bearer(await loginAdmin(t)));
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: true });
      expect(verify.body.checked).toBeGreaterThanOrEqual(2);
    });
  });

  describe('with DATABASE_PREPARED_STATEMENTS=false', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWithOneConnection({ DATABASE_PREPARED_STATEMENTS: 'false' });
    });
    afterAll(() => t.close());

    it('should send every statement as plain text', async () => {
      await readAndUpdateARisk(t);
      expect(await preparedByTheApp(t)).toEqual([]);
    });
  });
});

describe('prepared statements on the embedded database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ database: await createEmbeddedDatabase() });
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
  });

  // PGlite's one session outlives pooled connections: a name prepared there would already
  // exist for the next connection, so the embedded database never prepares.
  it('should prepare nothing, whatever DATABASE_PREPARED_STATEMENTS says', async () => {
    await readAndUpdateARisk(t);
    expect(await preparedByTheApp(t)).toEqual([]);
  });
});
