import { Webhook } from 'standardwebhooks';
import {
  createRisk,
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  login,
  pingWebhook,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookDeliveryStatus,
} from './sdk/generated';
import { type Client, createClient, createConfig } from './sdk/generated/client';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';
import { WEBHOOK_TEST_ENV, WebhookReceiver } from './support/webhook-receiver';

/** Webhook management driven only through the generated SDK, as an integrator would. */

type Result<TData, TError> = (
  { data: TData; error: undefined } | { data: undefined; error: TError }
) & { response: Response };

async function ok<TData, TError>(
  call: Result<TData, TError> | Promise<Result<TData, TError>>,
): Promise<TData> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new Error(`expected success, got ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

describe('webhooks through the generated SDK', () => {
  let t: TestApp;
  let client: Client;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await createTestApp({ env: WEBHOOK_TEST_ENV });
    await t.app.listen(0, '127.0.0.1');
    const baseUrl = await t.app.getUrl();
    const tokens = await ok(
      login({
        client: createClient(createConfig({ baseUrl })),
        body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      }),
    );
    client = createClient(createConfig({ baseUrl, auth: () => tokens.accessToken }));
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  it('should subscribe, receive a verifiable event, ping, rotate, list deliveries and delete', async () => {
    const { webhook, secret } = await ok(
      createWebhook({
        client,
        body: { url: receiver.url, events: ['risk.create'], description: 'SDK flow' },
      }),
    );
    expect(webhook).toMatchObject({ active: true, events: ['risk.create'], version: 1 });
    expect((await ok(listWebhooks({ client }))).items.map((w) => w.id)).toEqual([webhook.id]);

    const me = (await t.sql<{ id: string }>('SELECT id FROM users LIMIT 1'))[0];
    const risk = await ok(
      createRisk({
        client,
        body: {
          title: 'Seen by a webhook',
          category: 'Ops',
          ownerId: me.id,
          likelihood: 2,
          impact: 3,
        },
      }),
    );
    const [first] = await receiver.waitFor((got) => got.length >= 1);
    const headers = (request: typeof first) => ({
      'webhook-id': request.headers['webhook-id'] as string,
      'webhook-timestamp': request.headers['webhook-timestamp'] as string,
      'webhook-signature': request.headers['webhook-signature'] as string,
    });
    expect(new Webhook(secret).verify(first.body, headers(first))).toMatchObject({
      type: 'risk.create',
      data: { entityType: 'risk', entityId: risk.id },
    });

    const queued = await ok(pingWebhook({ client, path: { id: webhook.id } }));
    expect(queued.eventType).toBe('webhook.ping');
    const rotated = await ok(rotateWebhookSecret({ client, path: { id: webhook.id } }));
    expect(rotated.secret).not.toBe(secret);
    await receiver.waitFor((got) => got.some((request) => request.json.type === 'webhook.ping'));

    const succeeded: WebhookDeliveryStatus = 'succeeded';
    const deliveries = await ok(
      listWebhookDeliveries({ client, path: { id: webhook.id }, query: { status: succeeded } }),
    );
    expect(deliveries.items.map((d) => d.eventType).sort()).toEqual([
      'risk.create',
      'webhook.ping',
    ]);

    const paused = await ok(
      updateWebhook({ client, path: { id: webhook.id }, body: { active: false } }),
    );
    expect(paused).toMatchObject({ active: false, version: 3 });
    await ok(deleteWebhook({ client, path: { id: webhook.id } }));
    const gone = await getWebhook({ client, path: { id: webhook.id } });
    expect(gone.response.status).toBe(404);
  });
});
