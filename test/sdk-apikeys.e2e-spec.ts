import { randomUUID } from 'node:crypto';
import {
  createApiKey,
  createRisk,
  createUser,
  getRisk,
  listApiKeys,
  listAuditEvents,
  listRisks,
  login,
  type ProblemDetails,
  revokeApiKey,
} from './sdk/generated';
import { type Auth, type Client, createClient, createConfig } from './sdk/generated/client';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

/**
 * A machine client's life through the SDK generated from openapi.json: an admin makes a
 * service account and a key for it; the integration then works with nothing but the key.
 */

type Result<TData, TError> = (
  { data: TData; error: undefined } | { data: undefined; error: TError }
) & { response: Response };

const PROBLEM_JSON = /^application\/problem\+json/;
const DAY = 24 * 60 * 60 * 1000;

async function ok<TData, TError>(call: Promise<Result<TData, TError>>): Promise<TData> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new Error(`expected success, got ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

async function problem<TData, TError>(
  call: Promise<Result<TData, TError>>,
  status: number,
): Promise<TError> {
  const { data, error, response } = await call;
  expect(data).toBeUndefined();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  if (error === undefined) throw new Error(`expected a ${status} problem, got success`);
  return error;
}

describe('the generated SDK with an API key', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: Client;

  /** A client that answers each security scheme with its own credential. */
  const clientWith = (credentials: { bearer?: string; apiKey?: string }): Client =>
    createClient(
      createConfig({
        baseUrl,
        auth: (scheme: Auth) =>
          scheme.type === 'apiKey' ? credentials.apiKey : credentials.bearer,
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    const tokens = await ok(
      login({
        client: createClient(createConfig({ baseUrl })),
        body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
      }),
    );
    admin = clientWith({ bearer: tokens.accessToken });
  });

  afterAll(() => t.close());

  it('should run an integration on a service account key, then stop it by revoking', async () => {
    const service = await ok(
      createUser({
        client: admin,
        body: {
          email: `scanner-${randomUUID()}@rct.test`,
          fullName: 'Vulnerability scanner',
          role: 'manager',
          kind: 'service',
        },
      }),
    );
    expect(service.kind).toBe('service');

    const created = await ok(
      createApiKey({
        client: admin,
        body: {
          name: 'scanner',
          userId: service.id,
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      }),
    );
    expect(created.apiKey).toMatchObject({ userId: service.id, role: 'manager', revokedAt: null });
    const integration = clientWith({ apiKey: created.secret });

    const body = {
      title: `Scanner finding ${randomUUID()}`,
      category: 'Security',
      ownerId: service.id,
      likelihood: 4,
      impact: 3,
    };
    const idempotencyKey = randomUUID();
    const first = await createRisk({
      client: integration,
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    const risk = await ok(Promise.resolve(first));
    expect(first.response.status).toBe(201);

    // The client timed out and retries: the same answer, and no second risk.
    const retry = await createRisk({
      client: integration,
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await ok(Promise.resolve(retry))).toEqual(risk);
    const page = await ok(listRisks({ client: integration, query: { q: body.title } }));
    expect(page.items.map((item) => item.id)).toEqual([risk.id]);
    expect(await ok(getRisk({ client: integration, path: { id: risk.id } }))).toEqual(risk);

    // The audit trail names the service account as actor, and the key.
    const trail = await ok(listAuditEvents({ client: admin, query: { entityId: risk.id } }));
    expect(trail.items).toHaveLength(1);
    expect(trail.items[0]).toMatchObject({
      action: 'create',
      actorId: service.id,
      apiKeyId: created.apiKey.id,
    });

    // A key cannot make or see keys.
    const refused: ProblemDetails = await problem(
      createApiKey({
        client: integration,
        body: { name: 'child', expiresAt: new Date(Date.now() + DAY).toISOString() },
      }),
      403,
    );
    expect(refused.status).toBe(403);
    await problem(listApiKeys({ client: integration }), 403);

    await ok(revokeApiKey({ client: admin, path: { id: created.apiKey.id } }));
    await problem(getRisk({ client: integration, path: { id: risk.id } }), 401);
  });

  it('should work with a client that sends one credential for every scheme', async () => {
    const created = await ok(
      createApiKey({
        client: admin,
        body: {
          name: 'naive',
          role: 'viewer',
          expiresAt: new Date(Date.now() + DAY).toISOString(),
        },
      }),
    );
    const naive = createClient(createConfig({ baseUrl, auth: () => created.secret }));
    const page = await ok(listRisks({ client: naive }));
    expect(page.limit).toBe(20);
    await problem(
      createRisk({
        client: naive,
        body: {
          title: 'x',
          category: 'y',
          ownerId: created.apiKey.userId,
          likelihood: 1,
          impact: 1,
        },
      }),
      403,
    );
  });
});
