import { WebhookDispatcher } from '@rct/webhook';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, loginAdmin, Session } from './support/auth-helpers';
import { startServerProcess } from './support/server-process';
import { riskBody } from './support/domain-helpers';
import { createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { WEBHOOK_TEST_ENV, WebhookReceiver } from './support/webhook-receiver';

/** Several instances on one database: each delivery is sent once, and shutdown loses none. */
describe('webhook dispatchers in several instances', () => {
  let database: TestDatabase;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => receiver?.stop());
  afterAll(() => database.drop());

  const start = (env: Record<string, string> = {}) =>
    createTestApp({ database, env: { ...WEBHOOK_TEST_ENV, ...env } });

  async function subscribe(t: TestApp, admin: Session): Promise<string> {
    await t.sql('DELETE FROM webhook_endpoints');
    const res = await t.http
      .post('/api/v1/webhooks')
      .set(...bearer(admin))
      .send({ url: receiver.url, events: ['risk.create'] });
    expect(res.status).toBe(201);
    return (res.body as { webhook: { id: string } }).webhook.id;
  }

  /** Creates `count` risks, ten at a time, spread over the given apps. */
  async function createRisks(apps: [TestApp, Session][], count: number, tag: string) {
    for (let offset = 0; offset < count; offset += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, count - offset) }, async (_, i) => {
          const [t, admin] = apps[(offset + i) % apps.length];
          const res = await t.http
            .post('/api/v1/risks')
            .set(...bearer(admin))
            .send(riskBody(admin.user.id, { title: `${tag} ${offset + i}` }));
          expect(res.status).toBe(201);
        }),
      );
    }
  }

  async function riskEventIds(t: TestApp, tag: string): Promise<string[]> {
    const rows = await t.sql<{ id: string }>(
      `SELECT e.id FROM audit_events e JOIN risks r ON r.id::text = e.entity_id
       WHERE e.action = 'create' AND r.title LIKE $1 ORDER BY e.id`,
      [`${tag} %`],
    );
    return rows.map((row) => row.id);
  }

  const receivedIds = () =>
    receiver.received.map((request) => request.headers['webhook-id'] as string).sort();

  it('should deliver 200 events from two instances to one receiver exactly once each', async () => {
    receiver = await WebhookReceiver.start(() => ({ status: 200, delayMs: 5 }));
    const a = await start({ WEBHOOK_BATCH_SIZE: '10' });
    const b = await start({ WEBHOOK_BATCH_SIZE: '10' });
    try {
      const adminA = await loginAdmin(a);
      const adminB = await loginAdmin(b);
      const webhookId = await subscribe(a, adminA);
      await createRisks(
        [
          [a, adminA],
          [b, adminB],
        ],
        200,
        'Twin',
      );
      await receiver.waitFor((got) => got.length >= 200, 30_000);
      // Give a double send the time to show up.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const expected = await riskEventIds(a, 'Twin');
      expect(expected).toHaveLength(200);
      expect(receivedIds()).toEqual(expected);
      const statuses = await a.sql<{ status: string; attempt: number; n: string }>(
        `SELECT status, attempt, count(*)::text AS n FROM webhook_deliveries
         WHERE endpoint_id = $1 GROUP BY status, attempt`,
        [webhookId],
      );
      expect(statuses).toEqual([{ status: 'succeeded', attempt: 1, n: '200' }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('should finish the deliveries in flight when an instance shuts down, and lose or double none', async () => {
    receiver = await WebhookReceiver.start(() => ({ status: 200, delayMs: 300 }));
    const a = await start({ WEBHOOK_BATCH_SIZE: '5' });
    const adminA = await loginAdmin(a);
    const webhookId = await subscribe(a, adminA);
    await createRisks([[a, adminA]], 30, 'Shutdown');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (receiver.inFlight > 0) resolve(clearInterval(timer));
      }, 5);
    });
    await a.close();
    expect(receiver.inFlight).toBe(0);
    const received = receiver.received.length;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(30);

    const b = await start();
    try {
      await receiver.waitFor((got) => got.length >= 30, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receivedIds()).toEqual(await riskEventIds(b, 'Shutdown'));
      const statuses = await b.sql<{ status: string; attempt: number; n: string }>(
        `SELECT status, attempt, count(*)::text AS n FROM webhook_deliveries
         WHERE endpoint_id = $1 GROUP BY status, attempt`,
        [webhookId],
      );
      expect(statuses).toEqual([{ status: 'succeeded', attempt: 1, n: '30' }]);
    } finally {
      await b.close();
    }
  });

  it('should lose and double nothing when a server process gets SIGTERM mid-delivery', async () => {
    receiver = await WebhookReceiver.start(() => ({ status: 200, delayMs: 300 }));
    // This in-process app only writes; its dispatcher's first poll is a minute away.
    const writer = await start({ WEBHOOK_POLL_INTERVAL_MS: '60000' });
    const workDir = await mkdtemp(join(tmpdir(), 'rct-webhooks-'));
    try {
      const admin = await loginAdmin(writer);
      const webhookId = await subscribe(writer, admin);
      const server = await startServerProcess(
        {
          ...database.env,
          ...WEBHOOK_TEST_ENV,
          WEBHOOK_BATCH_SIZE: '5',
          NODE_ENV: 'test',
          JWT_SECRET: TEST_JWT_SECRET,
        },
        workDir,
        60_000,
      );
      await createRisks([[writer, admin]], 20, 'Sigterm');
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (receiver.inFlight > 0) resolve(clearInterval(timer));
        }, 5);
      });
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(receiver.inFlight).toBe(0);
      const sent = receiver.received.length;
      expect(sent).toBeGreaterThan(0);
      expect(sent).toBeLessThan(20);
      // Nothing the stopped process claimed is left half-done: each is recorded or untouched.
      const leased = await writer.sql(
        'SELECT id FROM webhook_deliveries WHERE lease_id IS NOT NULL',
      );
      expect(leased).toEqual([]);
      const succeeded = await writer.sql(
        "SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'succeeded'",
        [webhookId],
      );
      expect(succeeded).toHaveLength(sent);

      const dispatcher = writer.app.get(WebhookDispatcher);
      while (receiver.received.length < 20) await dispatcher.drainOnce();
      expect(receivedIds()).toEqual(await riskEventIds(writer, 'Sigterm'));
      const statuses = await writer.sql<{ status: string; attempt: number; n: string }>(
        `SELECT status, attempt, count(*)::text AS n FROM webhook_deliveries
         WHERE endpoint_id = $1 GROUP BY status, attempt`,
        [webhookId],
      );
      expect(statuses).toEqual([{ status: 'succeeded', attempt: 1, n: '20' }]);
    } finally {
      await writer.close();
      await rm(workDir, { recursive: true, force: true });
    }
  }, 150_000);
});
