import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { TcpProxy } from './support/tcp-proxy';
import { EmbeddedPostgres } from '@rct/database';

/** Polls until `check` passes or `timeoutMs` runs out; returns the time it took. */
async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('health probes', () => {
  let database: TestDatabase;
  let embedded: EmbeddedPostgres | undefined;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    let target = database.url;
    if (!target) {
      // No server configured: put the relay in front of an embedded PostgreSQL instead.
      embedded = await EmbeddedPostgres.start(database.env.DATA_DIR, 16);
      target = embedded.url;
    }
    const { hostname, port } = new URL(target);
    proxy = new TcpProxy(hostname, Number(port));
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    t = await createTestApp({
      database,
      env: { DATABASE_URL: viaProxy.toString(), HEALTH_DB_TIMEOUT_MS: '500' },
    });
  });

  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await embedded?.stop();
    await database.drop();
  });

  it('should report liveness without touching the database', async () => {
    const res = await t.http.get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('should be ready while the database answers', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details.database.status).toBe('up');
  });

  it('should answer 503 within 5 s of losing the database and recover without a restart', async () => {
    await proxy.cut();
    let down: { status: number; headers: Record<string, string>; body: Record<string, unknown> } = {
      status: 0,
      headers: {},
      body: {},
    };
    await within(5_000, async () => {
      down = await t.http.get('/health/ready');
      return down.status === 503;
    });
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ status: 503, requestId: down.headers['x-request-id'] });

    await proxy.restore();
    await within(5_000, async () => (await t.http.get('/health/ready')).status === 200);
  });
});
