import { ChainEvent, ChainVerifier } from '@rct/audit';
import { randomUUID } from 'node:crypto';
import { bearer, createUserAndLogin, login, loginAdmin, Session } from './support/auth-helpers';
import { createRisk, riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: string;
  userId: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const key = (secret: string): [string, string] => ['X-API-Key', secret];

describe('API keys and service accounts', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
    viewer = await createUserAndLogin(t, admin, 'viewer');
  });

  afterAll(() => t.close());

  async function createKey(
    session: Session,
    body: Record<string, unknown> = {},
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set(...bearer(session))
      .send({ name: `key ${randomUUID()}`, expiresAt: inDays(30), ...body });
    if (res.status !== 201) throw new Error(`create key: ${res.status} ${res.text}`);
    return res.body as { apiKey: ApiKey; secret: string };
  }

  async function createServiceAccount(role = 'manager'): Promise<string> {
    const res = await t.http
      .post('/api/v1/users')
      .set(...bearer(admin))
      .send({ email: `svc-${randomUUID()}@rct.test`, fullName: 'CI bot', role, kind: 'service' });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  const events = (requestId: string) =>
    t.sql<Record<string, unknown>>(
      `SELECT actor_id, actor_role, action, outcome, entity_type, entity_id, api_key_id, changes, status_code
         FROM audit_events WHERE request_id = $1 ORDER BY seq`,
      [requestId],
    );

  describe('service accounts', () => {
    it('should create a service account without a password, which cannot sign in', async () => {
      const email = `svc-${randomUUID()}@rct.test`;
      const res = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email, fullName: 'Scanner', role: 'analyst', kind: 'service' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email, kind: 'service', role: 'analyst', isActive: true });
      const [row] = await t.sql<{ password_hash: string | null; kind: string }>(
        'SELECT password_hash, kind FROM users WHERE id = $1',
        [res.body.id],
      );
      expect(row).toEqual({ password_hash: null, kind: 'service' });

      const signIn = await t.http
        .post('/api/v1/auth/login')
        .send({ email, password: 'any-password-at-all-1' });
      const wrongPassword = await t.http
        .post('/api/v1/auth/login')
        .send({ email: manager.user.email, password: 'any-password-at-all-1' });
      expect(signIn.status).toBe(401);
      expect(signIn.body.detail).toBe(wrongPassword.body.detail);
      expect(signIn.body.type).toBe(wrongPassword.body.type);
    });

    it('should list humans by default kind and filter service accounts', async () => {
      await createServiceAccount();
      const res = await t.http.get('/api/v1/users?kind=service').set(...bearer(admin));
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((user: { kind: string }) => user.kind === 'service')).toBe(true);
      const me = await t.http.get('/api/v1/auth/me').set(...bearer(admin));
      expect(me.body.kind).toBe('human');
    });

    it('should answer 400 naming password when a service account is given one', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({
          email: `svc-${randomUUID()}@rct.test`,
          fullName: 'Bot',
          role: 'viewer',
          kind: 'service',
          password: 'correct-horse-battery-9',
        });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    });

    it('should still require a password for a human', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email: `h-${randomUUID()}@rct.test`, fullName: 'Person', role: 'viewer' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((error: { field: string }) => error.field)).toContain('password');
    });

    it('should refuse to reset the password of a service account (409)', async () => {
      const id = await createServiceAccount();
      const res = await t.http
        .post(`/api/v1/users/${id}/reset-password`)
        .set(...bearer(admin))
        .send({ newPassword: 'correct-horse-battery-9' });
      expect(res.status).toBe(409);
    });
  });

  describe('create, list, get, revoke', () => {
    it('should create a key whose secret is shown once, hashed at rest, and audited', async () => {
      const expiresAt = inDays(90);
      const res = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(manager))
        .send({ name: 'CI uploader', expiresAt });
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { apiKey, secret } = res.body as { apiKey: ApiKey; secret: string };
      expect(secret).toMatch(/^rct_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).toEqual({
        id: expect.any(String),
        name: 'CI uploader',
        prefix: secret.slice(4, 12),
        role: 'manager',
        userId: manager.user.id,
        expiresAt: new Date(expiresAt).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
        createdAt: expect.any(String),
      });

      const [row] = await t.sql<{ secret_hash: Buffer; prefix: string }>(
        'SELECT secret_hash, prefix FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(row.prefix).toBe(apiKey.prefix);
      expect(row.secret_hash.toString('hex')).not.toContain(secret);
      expect(row.secret_hash).toHaveLength(32);
      const stored = await t.sql('SELECT * FROM api_keys WHERE id = $1', [apiKey.id]);
      expect(JSON.stringify(stored)).not.toContain(secret.slice(13));

      const [event] = await events(res.headers['x-request-id']);
      expect(event).toMatchObject({
        action: 'api_key_create',
        outcome: 'success',
        entity_type: 'api_key',
        entity_id: apiKey.id,
        actor_id: manager.user.id,
      });
      expect(JSON.stringify(event.changes)).not.toContain(secret.slice(13));

      const got = await t.http.get(`/api/v1/api-keys/${apiKey.id}`).set(...bearer(manager));
      expect(got.status).toBe(200);
      expect(got.body).toEqual(apiKey);
      expect(JSON.stringify(got.body)).not.toContain(secret);
    });

    it("should list the caller's own keys, and anyone's for an admin", async () => {
      const mine = await createKey(viewer);
      const theirs = await createKey(manager);

      const own = await t.http.get('/api/v1/api-keys').set(...bearer(viewer));
      expect(own.status).toBe(200);
      const ids = own.body.items.map((item: ApiKey) => item.id);
      expect(ids).toContain(mine.apiKey.id);
      expect(ids).not.toContain(theirs.apiKey.id);
      expect(own.body.items.every((item: ApiKey) => item.userId === viewer.user.id)).toBe(true);

      const other = await t.http
        .get(`/api/v1/api-keys?userId=${manager.user.id}`)
        .set(...bearer(viewer));
      expect(other.status).toBe(403);

      const filtered = await t.http
        .get(`/api/v1/api-keys?userId=${manager.user.id}`)
        .set(...bearer(admin));
      expect(filtered.status).toBe(200);
      expect(filtered.body.items.map((item: ApiKey) => item.id)).toContain(theirs.apiKey.id);
      expect(filtered.body.items.every((item: ApiKey) => item.userId === manager.user.id)).toBe(
        true,
      );

      const notYours = await t.http
        .get(`/api/v1/api-keys/${theirs.apiKey.id}`)
        .set(...bearer(viewer));
      expect(notYours.status).toBe(404);
    });

    it('should let an admin create a key for a service account (userId)', async () => {
      const serviceId = await createServiceAccount('analyst');
      const { apiKey, secret } = await createKey(admin, { userId: serviceId });
      expect(apiKey).toMatchObject({ userId: serviceId, role: 'analyst' });
      const res = await t.http.get('/api/v1/risks').set(...key(secret));
      expect(res.status).toBe(200);
    });

    it('should refuse userId from a non-admin (403) and an unknown userId (422)', async () => {
      const forOther = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(manager))
        .send({ name: 'x', expiresAt: inDays(1), userId: viewer.user.id });
      expect(forOther.status).toBe(403);
      const unknown = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(admin))
        .send({ name: 'x', expiresAt: inDays(1), userId: randomUUID() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ field: 'userId', message: expect.any(String) }]);
    });

    it('should revoke (204), audit the revocation, and refuse the key from then on', async () => {
      const { apiKey, secret } = await createKey(manager);
      await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .expect(200);

      const res = await t.http.delete(`/api/v1/api-keys/${apiKey.id}`).set(...bearer(manager));
      expect(res.status).toBe(204);
      const [event] = await events(res.headers['x-request-id']);
      expect(event).toMatchObject({
        action: 'api_key_revoke',
        entity_type: 'api_key',
        entity_id: apiKey.id,
        outcome: 'success',
      });
      expect(Object.keys(event.changes as object)).toEqual(['revokedAt']);

      const after = await t.http.get('/api/v1/risks').set(...key(secret));
      expect(after.status).toBe(401);
      const got = await t.http.get(`/api/v1/api-keys/${apiKey.id}`).set(...bearer(manager));
      expect(got.body.revokedAt).not.toBeNull();
    });

    it("should not let a non-admin revoke another user's key (404), but an admin may", async () => {
      const { apiKey } = await createKey(manager);
      const byViewer = await t.http.delete(`/api/v1/api-keys/${apiKey.id}`).set(...bearer(viewer));
      expect(byViewer.status).toBe(404);
      const [row] = await t.sql<{ revoked_at: Date | null }>(
        'SELECT revoked_at FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(row.revoked_at).toBeNull();
      await t.http
        .delete(`/api/v1/api-keys/${apiKey.id}`)
        .set(...bearer(admin))
        .expect(204);
    });
  });

  describe('creation refusals', () => {
    it.each([
      ['in the past', () => new Date(Date.now() - 60_000).toISOString()],
      ['now-ish (not in the future)', () => new Date(Date.now() - 1).toISOString()],
      ['over 365 days ahead', () => inDays(366)],
      ['not a date-time', () => 'tomorrow'],
    ])('should answer 400 naming expiresAt for an expiry %s', async (_label, expiresAt) => {
      const res = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(manager))
        .send({ name: 'x', expiresAt: expiresAt() });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((error: { field: string }) => error.field)).toEqual(['expiresAt']);
    });

    it('should require an expiry', async () => {
      const res = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(manager))
        .send({ name: 'x' });
      expect(res.status).toBe(400);
    });

    it("should answer 403 for a role above the owner's, and store nothing", async () => {
      const before = await t.sql<{ count: string }>('SELECT count(*) FROM api_keys');
      const res = await t.http
        .post('/api/v1/api-keys')
        .set(...bearer(viewer))
        .send({ name: 'x', expiresAt: inDays(1), role: 'manager' });
      expect(res.status).toBe(403);
      const after = await t.sql<{ count: string }>('SELECT count(*) FROM api_keys');
      expect(after[0].count).toBe(before[0].count);
      const [event] = await events(res.headers['x-request-id']);
      expect(event).toMatchObject({ action: 'api_key_create', outcome: 'denied' });
    });

    it('should refuse a key creating a key, listing keys or revoking one (403)', async () => {
      const { apiKey, secret } = await createKey(admin);
      const create = await t.http
        .post('/api/v1/api-keys')
        .set(...key(secret))
        .send({ name: 'child', expiresAt: inDays(1) });
      expect(create.status).toBe(403);
      expect(await t.sql('SELECT 1 FROM api_keys WHERE name = $1', ['child'])).toEqual([]);
      const [event] = await events(create.headers['x-request-id']);
      expect(event).toMatchObject({ outcome: 'denied', api_key_id: apiKey.id });

      expect((await t.http.get('/api/v1/api-keys').set(...key(secret))).status).toBe(403);
      const revoke = await t.http.delete(`/api/v1/api-keys/${apiKey.id}`).set(...key(secret));
      expect(revoke.status).toBe(403);
    });

    it('should refuse a key changing a password (403) or resetting one', async () => {
      const { secret } = await createKey(admin);
      const change = await t.http
        .post('/api/v1/auth/change-password')
        .set(...key(secret))
        .send({ currentPassword: 'admin-password-0001', newPassword: 'another-password-0002' });
      expect(change.status).toBe(403);
      const reset = await t.http
        .post(`/api/v1/users/${viewer.user.id}/reset-password`)
        .set(...key(secret))
        .send({ newPassword: 'another-password-0002' });
      expect(reset.status).toBe(403);
      await login(t, viewer.user.email, 'correct-horse-battery-9');
    });
  });

  describe('authenticating with X-API-Key', () => {
    it('should act as the owner: the audit event names the owner and carries apiKeyId', async () => {
      const { apiKey, secret } = await createKey(manager);
      const res = await t.http
        .post('/api/v1/risks')
        .set(...key(secret))
        .send(riskBody(manager.user.id));
      expect(res.status).toBe(201);
      const [event] = await events(res.headers['x-request-id']);
      expect(event).toMatchObject({
        action: 'create',
        entity_type: 'risk',
        actor_id: manager.user.id,
        actor_role: 'manager',
        api_key_id: apiKey.id,
      });
      const listed = await t.http
        .get(`/api/v1/audit-events?requestId=${res.headers['x-request-id']}`)
        .set(...bearer(admin));
      expect(listed.body.items[0].apiKeyId).toBe(apiKey.id);

      const verify = await t.http.get('/api/v1/audit-events/verify').set(...bearer(admin));
      expect(verify.body.valid).toBe(true);
    });

    it('should export events with and without apiKeyId that verify offline, as audit:verify does', async () => {
      const { apiKey, secret } = await createKey(manager);
      await t.http
        .post('/api/v1/risks')
        .set(...key(secret))
        .send(riskBody(manager.user.id))
        .expect(201);
      const res = await t.http
        .get('/api/v1/audit-events/export?format=ndjson')
        .set(...bearer(admin))
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const events = (res.body as Buffer)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ChainEvent & { occurredAt: string });
      expect(events.some((event) => event.apiKeyId === apiKey.id)).toBe(true);
      expect(events.some((event) => event.apiKeyId === null)).toBe(true);
      // What `npm run audit:verify` does with each exported line, without checkpoints.
      const verifier = new ChainVerifier([], new Map());
      for (const event of events)
        verifier.accept({ ...event, occurredAt: new Date(event.occurredAt) });
      expect(verifier.finish()).toMatchObject({ valid: true, checked: events.length });
    });

    it('should record lastUsedAt, at most once a minute', async () => {
      const { apiKey, secret } = await createKey(viewer);
      await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .expect(200);
      const [first] = await t.sql<{ last_used_at: Date }>(
        'SELECT last_used_at FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(first.last_used_at).not.toBeNull();
      await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .expect(200);
      const [second] = await t.sql<{ last_used_at: Date }>(
        'SELECT last_used_at FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(second.last_used_at.getTime()).toBe(first.last_used_at.getTime());

      await t.sql("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [
        apiKey.id,
      ]);
      await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .expect(200);
      const [third] = await t.sql<{ last_used_at: Date }>(
        'SELECT last_used_at FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(third.last_used_at.getTime()).toBeGreaterThan(first.last_used_at.getTime() - 1);
      expect(Date.now() - third.last_used_at.getTime()).toBeLessThan(60_000);
    });

    it('should refuse a wrong secret for a real prefix, an unknown prefix and garbage (401)', async () => {
      const { secret } = await createKey(manager);
      const wrongSecret = `${secret.slice(0, 13)}${'A'.repeat(43)}`;
      const unknownPrefix = `rct_ZZZZZZZZ_${secret.slice(13)}`;
      for (const presented of [wrongSecret, unknownPrefix, 'not-a-key', secret.toUpperCase()]) {
        const res = await t.http.get('/api/v1/risks').set(...key(presented));
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const [event] = await events(res.headers['x-request-id']);
        expect(event).toMatchObject({ outcome: 'denied', status_code: 401 });
      }
    });

    it('should refuse an expired key', async () => {
      const { apiKey, secret } = await createKey(manager);
      await t.sql("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
        apiKey.id,
      ]);
      expect((await t.http.get('/api/v1/risks').set(...key(secret))).status).toBe(401);
    });

    it('should refuse the key of an owner deactivated after it was made', async () => {
      const owner = await createUserAndLogin(t, admin, 'analyst');
      const { secret } = await createKey(owner);
      await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .expect(200);
      await t.http
        .patch(`/api/v1/users/${owner.user.id}`)
        .set(...bearer(admin))
        .send({ isActive: false })
        .expect(200);
      expect((await t.http.get('/api/v1/risks').set(...key(secret))).status).toBe(401);
    });

    it("should refuse a viewer's key a write (403), and write nothing", async () => {
      const { secret } = await createKey(viewer);
      const res = await t.http
        .post('/api/v1/risks')
        .set(...key(secret))
        .send(riskBody(viewer.user.id, { title: `viewer-key-${randomUUID()}` }));
      expect(res.status).toBe(403);
      expect(await t.sql('SELECT 1 FROM risks WHERE owner_id = $1', [viewer.user.id])).toEqual([]);
    });

    it("should act with the lower of the key's role and its owner's current role", async () => {
      const owner = await createUserAndLogin(t, admin, 'manager');
      const { apiKey: viewerKey, secret: lowKey } = await createKey(owner, { role: 'viewer' });
      expect(viewerKey.role).toBe('viewer');
      const write = await t.http
        .post('/api/v1/risks')
        .set(...key(lowKey))
        .send(riskBody(owner.user.id));
      expect(write.status).toBe(403);

      const { secret: fullKey } = await createKey(owner);
      const risk = await createRisk(t, admin);
      await t.http
        .patch(`/api/v1/risks/${risk.id}`)
        .set(...key(fullKey))
        .send({ title: 'by key' })
        .expect(200);
      await t.http
        .patch(`/api/v1/users/${owner.user.id}`)
        .set(...bearer(admin))
        .send({ role: 'viewer' })
        .expect(200);
      const demoted = await t.http
        .patch(`/api/v1/risks/${risk.id}`)
        .set(...key(fullKey))
        .send({ title: 'after demotion' });
      expect(demoted.status).toBe(403);
    });

    it('should refuse a bearer token and a key sent together (401)', async () => {
      const { secret } = await createKey(manager);
      const res = await t.http
        .get('/api/v1/risks')
        .set(...key(secret))
        .set(...bearer(manager));
      expect(res.status).toBe(401);
    });
  });
});
