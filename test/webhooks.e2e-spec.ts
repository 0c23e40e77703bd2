import { Webhook } from 'standardwebhooks';
import { AuditCheckpointWriter } from '../libs/audit/src/checkpoints/audit-checkpoint.writer';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createRisk, riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';
import { Responder, WEBHOOK_TEST_ENV, WebhookReceiver } from './support/webhook-receiver';

interface Created {
  webhook: { id: string; url: string; events: string[]; active: boolean; version: number };
  secret: string;
}

describe('webhooks', () => {
  let t: TestApp;
  let admin: Session;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { ...WEBHOOK_TEST_ENV, AUDIT_CHECKPOINT_INTERVAL: '1' } });
    admin = await loginAdmin(t);
  });
  afterEach(async () => {
    await t.sql('DELETE FROM webhook_endpoints');
    await Promise.all(receivers.splice(0).map((receiver) => receiver.stop()));
  });
  afterAll(() => t.close());

  async function receiver(responder?: Responder) {
    const started = await WebhookReceiver.start(responder);
    receivers.push(started);
    return started;
  }

  async function subscribe(url: string, events: string[]): Promise<Created> {
    const res = await t.http
      .post('/api/v1/webhooks')
      .set(...bearer(admin))
      .send({ url, events, description: 'e2e' });
    expect(res.status).toBe(201);
    return res.body as Created;
  }

  async function deliveriesOf(id: string) {
    const res = await t.http.get(`/api/v1/webhooks/${id}/deliveries`).set(...bearer(admin));
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[]; total: number };
  }

  async function auditEventOf(entityId: string, action: string) {
    const [event] = await t.sql<{ id: string; occurred_at: Date }>(
      'SELECT id, occurred_at FROM audit_events WHERE entity_id = $1 AND action = $2',
      [entityId, action],
    );
    return event;
  }

  describe('endpoint management', () => {
    it('should create with a secret shown once, not cached, sealed at rest and kept out of the audit trail', async () => {
      const res = await t.http
        .post('/api/v1/webhooks')
        .set(...bearer(admin))
        .send({ url: 'https://hooks.example.com/rct', events: ['risk.*', 'audit.checkpoint'] });
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { webhook, secret } = res.body as Created;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(webhook).toMatchObject({
        url: 'https://hooks.example.com/rct',
        events: ['risk.*', 'audit.checkpoint'],
        description: '',
        active: true,
        consecutiveDeadDeliveries: 0,
        version: 1,
      });
      expect(webhook).not.toHaveProperty('secret');
      const [row] = await t.sql<{ secret: string }>(
        'SELECT secret FROM webhook_endpoints WHERE id = $1',
        [webhook.id],
      );
      expect(row.secret).toMatch(/^sealed:v1:/);
      expect(row.secret).not.toContain(secret.slice(6));
      const [event] = await t.sql<{ action: string; changes: unknown; actor_id: string }>(
        "SELECT action, changes, actor_id FROM audit_events WHERE entity_type = 'webhook' AND entity_id = $1",
        [webhook.id],
      );
      expect(event).toMatchObject({ action: 'create', actor_id: admin.user.id });
      expect(JSON.stringify(event.changes)).not.toContain(secret.slice(6));

      const got = await t.http.get(`/api/v1/webhooks/${webhook.id}`).set(...bearer(admin));
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.body).not.toHaveProperty('secret');
      const list = await t.http.get('/api/v1/webhooks').set(...bearer(admin));
      expect(list.body).toMatchObject({ total: 1, items: [{ id: webhook.id }] });
    });

    it('should update, honour If-Match, and delete, auditing each', async () => {
      const { webhook } = await subscribe('https://hooks.example.com/a', ['risk.create']);
      const stale = await t.http
        .patch(`/api/v1/webhooks/${webhook.id}`)
        .set(...bearer(admin))
        .set('If-Match', '"7"')
        .send({ events: ['task.*'] });
      expect(stale.status).toBe(412);
      const patched = await t.http
        .patch(`/api/v1/webhooks/${webhook.id}`)
        .set(...bearer(admin))
        .set('If-Match', '"1"')
        .send({ events: ['task.*'], description: 'tasks', active: false });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ events: ['task.*'], active: false, version: 2 });
      const deleted = await t.http.delete(`/api/v1/webhooks/${webhook.id}`).set(...bearer(admin));
      expect(deleted.status).toBe(204);
      expect(
        (await t.http.get(`/api/v1/webhooks/${webhook.id}`).set(...bearer(admin))).status,
      ).toBe(404);
      const actions = await t.sql<{ action: string }>(
        "SELECT action FROM audit_events WHERE entity_type = 'webhook' AND entity_id = $1 AND outcome = 'success' ORDER BY seq",
        [webhook.id],
      );
      expect(actions.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
    });

    it.each([
      [{ url: 'https://x.example.com', events: ['risk.explode'] }, 'events'],
      [{ url: 'https://x.example.com', events: ['planet.*'] }, 'events'],
      [{ url: 'https://x.example.com', events: [] }, 'events'],
      [{ url: 'https://x.example.com', events: 'risk.create' }, 'events'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'ftp://x.example.com/', events: ['*'] }, 'url'],
      [{ events: ['*'] }, 'url'],
    ])('should refuse %j naming %s', async (body, field) => {
      const res = await t.http
        .post('/api/v1/webhooks')
        .set(...bearer(admin))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
        field,
      );
    });

    it('should be for admins only', async () => {
      const manager = await createUserAndLogin(t, admin, 'manager');
      const res = await t.http
        .post('/api/v1/webhooks')
        .set(...bearer(manager))
        .send({ url: 'https://x.example.com', events: ['*'] });
      expect(res.status).toBe(403);
      expect((await t.http.get('/api/v1/webhooks').set(...bearer(manager))).status).toBe(403);
      expect(await t.sql('SELECT id FROM webhook_endpoints')).toEqual([]);
    });
  });

  describe('delivery', () => {
    it('should deliver the audit event, signed so that the secret verifies it', async () => {
      const hook = await receiver();
      const { secret } = await subscribe(hook.url, ['risk.create']);
      const risk = await createRisk(t, admin, { title: 'Signed delivery' });
      const [request] = await hook.waitFor((got) => got.length >= 1);
      const event = await auditEventOf(risk.id, 'create');
      expect(request.headers['webhook-id']).toBe(event.id);
      expect(request.headers['content-type']).toBe('application/json');
      const verified = new Webhook(secret).verify(request.body, {
        'webhook-id': request.headers['webhook-id'] as string,
        'webhook-timestamp': request.headers['webhook-timestamp'] as string,
        'webhook-signature': request.headers['webhook-signature'] as string,
      });
      expect(verified).toEqual({
        id: event.id,
        type: 'risk.create',
        occurredAt: event.occurred_at.toISOString(),
        actor: { id: admin.user.id, email: admin.user.email, role: 'admin' },
        data: {
          entityType: 'risk',
          entityId: risk.id,
          changes: expect.objectContaining({ title: { from: null, to: 'Signed delivery' } }),
        },
      });
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(request.body, {
          'webhook-id': request.headers['webhook-id'] as string,
          'webhook-timestamp': request.headers['webhook-timestamp'] as string,
          'webhook-signature': request.headers['webhook-signature'] as string,
        }),
      ).toThrow();
    });

    it('should send only subscribed events: entity.*, exact types, not others', async () => {
      const hook = await receiver();
      await subscribe(hook.url, ['task.*', 'risk.delete']);
      const risk = await createRisk(t, admin);
      await t.http
        .delete(`/api/v1/risks/${risk.id}`)
        .set(...bearer(admin))
        .expect(204);
      await hook.waitFor((got) => got.length >= 1);
      await createRisk(t, admin);
      // A later event for another subscriber shows the dispatcher has moved past this one.
      const marker = await receiver();
      await subscribe(marker.url, ['risk.create']);
      await createRisk(t, admin);
      await marker.waitFor((got) => got.length >= 1);
      expect(hook.received.map((got) => got.json.type)).toEqual(['risk.delete']);
    });

    it('should retry a receiver that fails twice and end succeeded with the same webhook-id', async () => {
      const hook = await receiver((n: number) => ({ status: n <= 2 ? 503 : 200 }));
      const { webhook } = await subscribe(hook.url, ['risk.create']);
      const risk = await createRisk(t, admin);
      const got = await hook.waitFor((all) => all.length >= 3);
      const event = await auditEventOf(risk.id, 'create');
      expect(got.map((request) => request.headers['webhook-id'])).toEqual([
        event.id,
        event.id,
        event.id,
      ]);
      expect(got.map((request) => request.answeredWith)).toEqual([503, 503, 200]);
      await waitForDelivery(webhook.id, (d) => d.status === 'succeeded');
      const { items } = await deliveriesOf(webhook.id);
      expect(items).toEqual([
        expect.objectContaining({
          eventId: event.id,
          eventType: 'risk.create',
          status: 'succeeded',
          attempt: 3,
          responseStatus: 200,
          error: null,
          nextAttemptAt: null,
        }),
      ]);
    });

    it('should send nothing for a write that rolled back after its event was queued', async () => {
      const hook = await receiver();
      await subscribe(hook.url, ['risk.create']);
      // Linking the event into the chain fails inside COMMIT: the whole write rolls back.
      await t.sql(`CREATE FUNCTION fail_webhook_marker() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          IF NEW.request_id = 'webhook-rollback' AND NEW.outcome = 'success' THEN
            RAISE EXCEPTION 'forced failure';
          END IF;
          RETURN NEW;
        END $fn$`);
      await t.sql(
        'CREATE TRIGGER fail_webhook_marker BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_webhook_marker()',
      );
      try {
        const res = await t.http
          .post('/api/v1/risks')
          .set(...bearer(admin))
          .set('X-Request-Id', 'webhook-rollback')
          .send(riskBody(admin.user.id, { title: 'Rolled back' }));
        expect(res.status).toBe(500);
      } finally {
        await t.sql('DROP TRIGGER fail_webhook_marker ON audit_events');
        await t.sql('DROP FUNCTION fail_webhook_marker()');
      }
      const committed = await createRisk(t, admin, { title: 'Committed' });
      await hook.waitFor((got) => got.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hook.received.map((got) => got.json.data.entityId)).toEqual([committed.id]);
      const queued = await t.sql<{ event_type: string }>(
        'SELECT event_type FROM webhook_deliveries',
      );
      expect(queued).toHaveLength(1);
    });

    it('should sign deliveries after a rotation with the new secret only', async () => {
      const hook = await receiver();
      const { webhook, secret: oldSecret } = await subscribe(hook.url, ['risk.create']);
      await createRisk(t, admin);
      await hook.waitFor((got) => got.length >= 1);
      const rotated = await t.http
        .post(`/api/v1/webhooks/${webhook.id}/rotate-secret`)
        .set(...bearer(admin));
      expect(rotated.status).toBe(200);
      expect(rotated.headers['cache-control']).toBe('no-store');
      const { secret: newSecret } = rotated.body as Created;
      expect(newSecret).not.toBe(oldSecret);
      await createRisk(t, admin);
      const [first, second] = await hook.waitFor((got) => got.length >= 2);
      const headersOf = (request: typeof first) => ({
        'webhook-id': request.headers['webhook-id'] as string,
        'webhook-timestamp': request.headers['webhook-timestamp'] as string,
        'webhook-signature': request.headers['webhook-signature'] as string,
      });
      expect(() => new Webhook(oldSecret).verify(first.body, headersOf(first))).not.toThrow();
      expect(() => new Webhook(newSecret).verify(second.body, headersOf(second))).not.toThrow();
      expect(() => new Webhook(oldSecret).verify(second.body, headersOf(second))).toThrow();
      const [event] = await t.sql<{ action: string }>(
        "SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'webhook_rotate_secret'",
        [webhook.id],
      );
      expect(event).toBeDefined();
    });

    it('should ping the endpoint and list the delivery', async () => {
      const hook = await receiver();
      const { webhook } = await subscribe(hook.url, ['risk.create']);
      const res = await t.http.post(`/api/v1/webhooks/${webhook.id}/ping`).set(...bearer(admin));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ eventType: 'webhook.ping', status: 'pending', attempt: 0 });
      const [request] = await hook.waitFor((got) => got.length >= 1);
      expect(request.json).toMatchObject({
        type: 'webhook.ping',
        data: { entityType: 'webhook', entityId: webhook.id },
      });
      await waitForDelivery(webhook.id, (d) => d.status === 'succeeded');
    });

    it('should send audit checkpoints to endpoints subscribed to audit.checkpoint', async () => {
      const hook = await receiver();
      await subscribe(hook.url, ['audit.checkpoint']);
      await createRisk(t, admin);
      const [request] = await hook.waitFor((got) => got.length >= 1);
      const [checkpoint] = await t.sql<{ id: string; seq: string }>(
        'SELECT id, seq::text FROM audit_checkpoints WHERE id = $1',
        [request.json.id],
      );
      expect(request.json).toMatchObject({
        type: 'audit.checkpoint',
        actor: { id: null, email: null, role: 'system' },
        data: { entityType: 'audit_checkpoint', entityId: checkpoint.id },
      });
    });

    it('should store a checkpoint only together with its deliveries', async () => {
      const hook = await receiver();
      const { webhook } = await subscribe(hook.url, ['audit.checkpoint']);
      const writer = t.app.get(AuditCheckpointWriter);
      await t.sql(`CREATE FUNCTION refuse_checkpoint_delivery() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN RAISE EXCEPTION 'deliveries refused'; END $$`);
      await t.sql(`CREATE TRIGGER refuse_checkpoint_delivery BEFORE INSERT ON webhook_deliveries
        FOR EACH ROW WHEN (NEW.event_type = 'audit.checkpoint')
        EXECUTE FUNCTION refuse_checkpoint_delivery()`);
      try {
        await createRisk(t, admin);
        await expect(writer.write()).rejects.toThrow('deliveries refused');
        const [head] = await t.sql<{ seq: string }>(
          'SELECT max(seq)::text AS seq FROM audit_events',
        );
        const signed = await t.sql('SELECT 1 FROM audit_checkpoints WHERE seq = $1', [head.seq]);
        expect(signed).toHaveLength(0);
      } finally {
        await t.sql('DROP TRIGGER refuse_checkpoint_delivery ON webhook_deliveries');
        await t.sql('DROP FUNCTION refuse_checkpoint_delivery');
      }
      // Once deliveries can be queued, the head is signed (here or by the scheduler's tick)
      // and its copy goes out.
      await writer.write();
      const [latest] = await t.sql<{ id: string }>(
        'SELECT id FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
      );
      const queued = await t.sql(
        'SELECT 1 FROM webhook_deliveries WHERE event_id = $1 AND endpoint_id = $2',
        [latest.id, webhook.id],
      );
      expect(queued).toHaveLength(1);
      const received = await hook.waitFor((got) => got.some((r) => r.json.id === latest.id));
      expect(received.find((r) => r.json.id === latest.id)!.json).toMatchObject({
        type: 'audit.checkpoint',
      });
    });

    it('should switch off an endpoint after 10 dead deliveries in a row, as the system', async () => {
      const hook = await receiver(() => ({ status: 500 }));
      const { webhook } = await subscribe(hook.url, ['risk.create']);
      for (let i = 0; i < 10; i += 1) await createRisk(t, admin);
      await waitFor(async () => {
        const res = await t.http.get(`/api/v1/webhooks/${webhook.id}`).set(...bearer(admin));
        return (res.body as { active: boolean }).active === false;
      });
      expect(hook.received).toHaveLength(30);
      const { items } = await deliveriesOf(webhook.id);
      expect(items.map((d) => d.status)).toEqual(Array(10).fill('dead'));
      const [event] = await t.sql<Record<string, unknown>>(
        "SELECT actor_id, actor_role, outcome, changes FROM audit_events WHERE entity_id = $1 AND action = 'webhook_disable'",
        [webhook.id],
      );
      expect(event).toMatchObject({
        actor_id: null,
        actor_role: 'system',
        outcome: 'success',
        changes: expect.objectContaining({ active: { from: true, to: false } }),
      });
      // Off means off: nothing new is queued for it.
      await createRisk(t, admin);
      expect((await deliveriesOf(webhook.id)).total).toBe(10);
    });
  });

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function waitForDelivery(
    id: string,
    check: (delivery: Record<string, unknown>) => boolean,
  ): Promise<void> {
    await waitFor(async () => (await deliveriesOf(id)).items.some(check));
  }
});

describe('webhook targets without the ALLOW settings', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it.each([
    'http://hooks.example.com/',
    'https://127.0.0.1/',
    'https://localhost:8443/',
    'https://10.0.0.8/',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[fd00:ec2::254]/',
    'https://0.0.0.0/',
  ])('should refuse %s with a 400 naming url', async (url) => {
    const res = await t.http
      .post('/api/v1/webhooks')
      .set(...bearer(admin))
      .send({ url, events: ['*'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'url' }] });
  });

  it('should refuse a PATCH to a private target too', async () => {
    const created = await t.http
      .post('/api/v1/webhooks')
      .set(...bearer(admin))
      .send({ url: 'https://hooks.example.com/', events: ['*'] });
    expect(created.status).toBe(201);
    const res = await t.http
      .patch(`/api/v1/webhooks/${(created.body as Created).webhook.id}`)
      .set(...bearer(admin))
      .send({ url: 'https://192.168.1.1/' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'url' }] });
  });
});
