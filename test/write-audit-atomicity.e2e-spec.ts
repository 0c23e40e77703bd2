import { bearer, loginAdmin, Session } from './support/auth-helpers';
import { riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * A write and its audit event commit together or not at all. Each test makes one of the two
 * fail inside the database, for one request id only, and checks that neither survived.
 */
describe('a write and its audit event', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  /**
   * Makes inserts into `table` fail when the row mentions `marker` (a request id or a title),
   * except the `failed` event the error path records afterwards.
   */
  async function failInserts(table: string, marker: string): Promise<() => Promise<void>> {
    const name = `fail_marked_${table}`;
    await t.sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF to_jsonb(NEW)::text LIKE '%${marker}%'
          AND (to_jsonb(NEW)->>'outcome') IS DISTINCT FROM 'failed' THEN
          RAISE EXCEPTION 'forced failure';
        END IF;
        RETURN NEW;
      END $fn$`);
    await t.sql(
      `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
    return async () => {
      await t.sql(`DROP TRIGGER ${name} ON ${table}`);
      await t.sql(`DROP FUNCTION ${name}()`);
    };
  }

  async function eventsOf(requestId: string): Promise<{ outcome: string; action: string }[]> {
    return t.sql('SELECT outcome, action FROM audit_events WHERE request_id = $1 ORDER BY seq', [
      requestId,
    ]);
  }

  async function risksTitled(title: string): Promise<unknown[]> {
    return t.sql('SELECT id FROM risks WHERE title = $1', [title]);
  }

  async function postRisk(requestId: string, title: string) {
    return t.http
      .post('/api/v1/risks')
      .set(...bearer(admin))
      .set('X-Request-Id', requestId)
      .send(riskBody(admin.user.id, { title }));
  }

  it.each([
    ['queued (in the request)', 'audit_event_queue'],
    ['linked into the chain (inside COMMIT)', 'audit_events'],
  ])('should not keep the write when its audit event fails to be %s', async (_when, table) => {
    const requestId = `atomic-audit-${table}`;
    const title = `Doomed with ${table}`;
    const restore = await failInserts(table, requestId);
    try {
      expect((await postRisk(requestId, title)).status).toBe(500);
    } finally {
      await restore();
    }
    expect(await risksTitled(title)).toEqual([]);
    expect(await eventsOf(requestId)).toEqual([{ outcome: 'failed', action: 'create' }]);
    expect((await postRisk(`${requestId}-after`, title)).status).toBe(201);
  });

  it('should not keep the audit event when the write fails', async () => {
    const title = 'atomic-write-marker';
    const requestId = 'atomic-write';
    const restore = await failInserts('risks', title);
    try {
      expect((await postRisk(requestId, title)).status).toBe(500);
    } finally {
      await restore();
    }
    expect(await risksTitled(title)).toEqual([]);
    expect(await eventsOf(requestId)).toEqual([{ outcome: 'failed', action: 'create' }]);
    const verify = await t.http.get('/api/v1/audit-events/verify').set(...bearer(admin));
    expect(verify.body).toMatchObject({ valid: true });
  });
});
