import { IdempotencyPurgeJob } from '@rct/idempotency';
import { randomUUID } from 'node:crypto';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

const REUSED = 'urn:problem-type:rct:idempotency-key-reused';
const IN_FLIGHT = 'urn:problem-type:rct:idempotency-key-in-flight';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
  });

  afterAll(() => t.close());

  const postRisk = (session: Session | [string, string], idempotencyKey: string, body: object) =>
    t.http
      .post('/api/v1/risks')
      .set(...(Array.isArray(session) ? session : bearer(session)))
      .set('Idempotency-Key', idempotencyKey)
      .send(body);

  const risksTitled = (title: string) =>
    t.sql<{ id: string }>('SELECT id FROM risks WHERE title = $1', [title]);

  const auditEventsOf = (entityId: string) =>
    t.sql<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_events WHERE entity_id = $1',
      [entityId],
    );

  it('should replay the first answer to a repeat, writing and auditing nothing', async () => {
    const body = riskBody(manager.user.id, { title: `once-${randomUUID()}` });
    const key = randomUUID();
    const first = await postRisk(manager, key, body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const eventsBefore = await t.sql<{ count: string }>('SELECT count(*) FROM audit_events');

    const second = await postRisk(manager, key, body);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.body).toEqual(first.body);

    expect(await risksTitled(body.title)).toHaveLength(1);
    expect(await auditEventsOf(first.body.id)).toEqual([{ action: 'create', outcome: 'success' }]);
    const eventsAfter = await t.sql<{ count: string }>('SELECT count(*) FROM audit_events');
    expect(eventsAfter[0].count).toBe(eventsBefore[0].count);
    const [stored] = await t.sql<{ status_code: number; etag: string; fingerprint: string }>(
      'SELECT status_code, etag, fingerprint FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(stored).toMatchObject({ status_code: 201, etag: first.headers.etag });
  });

  it('should answer 422 idempotency-key-reused for the same key with another body', async () => {
    const key = randomUUID();
    const body = riskBody(manager.user.id);
    await postRisk(manager, key, body).expect(201);
    const res = await postRisk(manager, key, { ...body, title: `${body.title} (changed)` });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe(REUSED);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await risksTitled(`${body.title} (changed)`)).toEqual([]);
  });

  it('should answer 422 for the same key on another path', async () => {
    const key = randomUUID();
    const risk = await postRisk(manager, key, riskBody(manager.user.id)).expect(201);
    const res = await t.http
      .post('/api/v1/tasks')
      .set(...bearer(manager))
      .set('Idempotency-Key', key)
      .send({ riskId: risk.body.id, title: 'Patch it' });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe(REUSED);
    expect(await t.sql('SELECT 1 FROM tasks WHERE risk_id = $1', [risk.body.id])).toEqual([]);
  });

  it('should never store an answer that carries a secret (a new API key)', async () => {
    const key = randomUUID();
    const create = () =>
      t.http
        .post('/api/v1/api-keys')
        .set(...bearer(manager))
        .set('Idempotency-Key', key)
        .send({ name: 'twice', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const first = await create();
    const second = await create();
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.apiKey.id).not.toBe(first.body.apiKey.id);
    expect(await t.sql('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toEqual([]);
  });

  it.each([
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'order 42'],
    ['a tab', 'order\t42'],
  ])('should answer 400 naming the header for a key with %s', async (_label, key) => {
    const body = riskBody(manager.user.id, { title: `bad-key-${randomUUID()}` });
    const res = await postRisk(manager, key, body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await risksTitled(body.title)).toEqual([]);
  });

  it('should accept a key of 255 visible ASCII characters', async () => {
    const key = `${'~!'.repeat(127)}Z`;
    expect(key).toHaveLength(255);
    await postRisk(manager, key, riskBody(manager.user.id)).expect(201);
  });

  it('should scope keys per principal: another user, or an API key, is another scope', async () => {
    const key = randomUUID();
    const title = `scoped-${randomUUID()}`;
    await postRisk(manager, key, riskBody(manager.user.id, { title })).expect(201);
    await postRisk(admin, key, riskBody(manager.user.id, { title })).expect(201);

    const created = await t.http
      .post('/api/v1/api-keys')
      .set(...bearer(manager))
      .send({ name: 'scoped', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    const apiKey: [string, string] = ['X-API-Key', created.body.secret as string];
    const byKey = await postRisk(apiKey, key, riskBody(manager.user.id, { title }));
    expect(byKey.status).toBe(201);
    expect(byKey.headers['idempotent-replayed']).toBeUndefined();
    const again = await postRisk(apiKey, key, riskBody(manager.user.id, { title }));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(byKey.body.id);
    expect(await risksTitled(title)).toHaveLength(3);
  });

  it('should store nothing for a failed request: the key stays free', async () => {
    const key = randomUUID();
    const invalid = await postRisk(manager, key, { ...riskBody(manager.user.id), likelihood: 9 });
    expect(invalid.status).toBe(400);
    expect(await t.sql('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toEqual([]);
    await postRisk(manager, key, riskBody(manager.user.id)).expect(201);
  });

  it('should ignore the header under /auth', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Idempotency-Key', 'not valid here')
      .send({ email: manager.user.email, password: 'correct-horse-battery-9' });
    expect(res.status).toBe(200);
  });

  it('should make one record and one audit event of 20 parallel POSTs with one key', async () => {
    const key = randomUUID();
    const body = riskBody(manager.user.id, { title: `race-${randomUUID()}` });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postRisk(manager, key, body)),
    );

    const rows = await risksTitled(body.title);
    expect(rows).toHaveLength(1);
    const [{ id }] = rows;
    for (const answer of answers) {
      if (answer.status === 409) {
        expect(answer.body.type).toBe(IN_FLIGHT);
      } else {
        expect(answer.status).toBe(201);
        expect(answer.body.id).toBe(id);
      }
    }
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(
      answers.filter((answer) => answer.status === 201 && !answer.headers['idempotent-replayed']),
    ).toHaveLength(1);
    expect(await auditEventsOf(id)).toEqual([{ action: 'create', outcome: 'success' }]);
    const inFlightEvents = await t.sql(
      "SELECT 1 FROM audit_events WHERE path = '/api/v1/risks' AND status_code = 409 AND actor_id = $1",
      [manager.user.id],
    );
    expect(inFlightEvents).toEqual([]);
  });

  it('should forget a key after IDEMPOTENCY_TTL, and purge it', async () => {
    const key = randomUUID();
    const title = `expired-${randomUUID()}`;
    const first = await postRisk(manager, key, riskBody(manager.user.id, { title }));
    await t.sql(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
      [key],
    );
    const second = await postRisk(manager, key, riskBody(manager.user.id, { title }));
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);

    const other = randomUUID();
    await postRisk(manager, other, riskBody(manager.user.id)).expect(201);
    await t.sql(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
      [other],
    );
    const purged = await t.app.get(IdempotencyPurgeJob).purgeExpired();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await t.sql('SELECT 1 FROM idempotency_keys WHERE key = $1', [other])).toEqual([]);
    expect(await t.sql('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toHaveLength(1);
  });

  it('should store the answer with the TTL from IDEMPOTENCY_TTL', async () => {
    const key = randomUUID();
    await postRisk(manager, key, riskBody(manager.user.id)).expect(201);
    const [row] = await t.sql<{ seconds: number }>(
      'SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(row.seconds).toBe(86_400);
  });
});
