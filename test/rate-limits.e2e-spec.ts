import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearer } from './support/auth-helpers';
import { RedisServer } from './support/redis-server';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

/**
 * Rate limits and sign-in throttling shared through Redis by two apps on one database, their
 * fallback to memory while Redis is away, and TRUST_PROXY. Each test sends its requests from an
 * address of its own (X-Forwarded-For, trusted from loopback), so their budgets never mix.
 */
describe('rate limits shared through Redis', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let address = 0;
  const nextAddress = () => `203.0.113.${++address}`;

  const env = (redisUrl: string) => ({
    REDIS_URL: redisUrl,
    TRUST_PROXY: '127.0.0.1',
    RATE_LIMIT_ANONYMOUS: '4',
    RATE_LIMIT_AUTHENTICATED: '6',
    LOGIN_MAX_FAILURES: '5',
  });

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase();
    a = await createTestApp({ database, env: env(redis.url) });
    b = await createTestApp({ database, env: env(redis.url) });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    await redis?.stop();
  });

  const auditCount = async () =>
    Number((await a.sql<{ n: string }>('SELECT count(*) AS n FROM audit_events'))[0].n);

  it('should share the anonymous limit across instances and answer 429 problem+json with the RateLimit fields', async () => {
    const from = nextAddress();
    const before = await auditCount();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const app = i % 2 === 0 ? a : b;
      const res = await app.http.get('/api/v1/risks').set('X-Forwarded-For', from);
      statuses.push(res.status);
      expect(res.headers['ratelimit-policy']).toBe('"anonymous";q=4;w=60');
      expect(res.headers['ratelimit']).toBe(
        `"anonymous";r=${3 - i};t=${res.headers['ratelimit'].split('t=')[1]}`,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401]);

    for (const app of [a, b]) {
      const refused = await app.http.get('/api/v1/risks').set('X-Forwarded-For', from);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: 'urn:problem-type:rct:too-many-requests' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.headers['ratelimit']).toMatch(/^"anonymous";r=0;t=\d+$/);
    }
    // Neither the anonymous 401s nor the 429s reach the chain.
    expect(await auditCount()).toBe(before);
    // Another address has its own budget; health probes are exempt.
    expect((await a.http.get('/api/v1/risks').set('X-Forwarded-For', nextAddress())).status).toBe(
      401,
    );
    const probe = await b.http.get('/health/ready').set('X-Forwarded-For', from);
    expect(probe.status).toBe(200);
    expect(probe.headers['ratelimit']).toBeUndefined();
  });

  it("should spend the address's anonymous budget on refused tokens: 401s chained until it is spent, then 429s that are not", async () => {
    const from = nextAddress();
    const before = await auditCount();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? a : b;
      const res = await app.http
        .get('/api/v1/risks')
        .set('Authorization', `Bearer made-up-token-${i}`)
        .set('X-Forwarded-For', from);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Each refused credential up to the budget is chained; the 429s after it are not.
    expect(await auditCount()).toBe(before + 4);
    const events = await a.sql<{ status_code: number }>(
      'SELECT status_code FROM audit_events ORDER BY seq DESC LIMIT 4',
    );
    expect(events.map((event) => event.status_code)).toEqual([401, 401, 401, 401]);
    // The budget is the address's: a request without credentials from it is refused too.
    const anonymous = await b.http.get('/api/v1/risks').set('X-Forwarded-For', from);
    expect(anonymous.status).toBe(429);
    expect(anonymous.headers['ratelimit']).toMatch(/^"anonymous";r=0;t=\d+$/);
  });

  it('should count a signed-in user by principal, whatever the address', async () => {
    const session = await a.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', nextAddress())
      .send(TEST_ADMIN);
    expect(session.status).toBe(200);
    const token = (session.body as { accessToken: string }).accessToken;
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? b : a;
      const res = await app.http
        .get('/api/v1/auth/me')
        .set(...bearer(token))
        .set('X-Forwarded-For', nextAddress());
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit-policy']).toBe('"authenticated";q=6;w=60');
    }
    const refused = await a.http
      .get('/api/v1/auth/me')
      .set(...bearer(token))
      .set('X-Forwarded-For', nextAddress());
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/this account/);
  });

  it('should lock an account on both instances after five failed sign-ins spread over both', async () => {
    const email = 'spread@rct.test';
    for (let i = 0; i < 5; i++) {
      const res = await (i % 2 === 0 ? a : b).http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextAddress())
        .send({ email, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    for (const app of [a, b]) {
      const res = await app.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', nextAddress())
        .send({ email, password: 'wrong-password-x' });
      expect(res.status).toBe(429);
    }
  });

  it('should take the client address from X-Forwarded-For only from a trusted proxy', async () => {
    const from = nextAddress();
    await a.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `198.51.100.9, ${from}`)
      .send({ email: 'nobody@rct.test', password: 'wrong-password-y' })
      .expect(401);
    const [event] = await a.sql<{ ip: string }>(
      "SELECT ip FROM audit_events WHERE action = 'login_failed' ORDER BY seq DESC LIMIT 1",
    );
    // The nearest hop that is not a trusted proxy is the client.
    expect(event.ip).toBe(from);

    const direct = await createTestApp({
      database,
      env: { ...env(redis.url), TRUST_PROXY: '', RATE_LIMIT_ANONYMOUS: '2' },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await direct.http.get('/api/v1/risks').set('X-Forwarded-For', nextAddress());
        statuses.push(res.status);
      }
      // Untrusted X-Forwarded-For is ignored: one address (loopback), one budget.
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await direct.close();
    }
  });

  it('should count in memory while Redis is away, warn once, stay ready, and share again when it returns', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await redis.stop();
      const from = nextAddress();
      // Each instance now counts alone: four on each are let through.
      for (const app of [a, b]) {
        for (let i = 0; i < 4; i++) {
          expect((await app.http.get('/api/v1/risks').set('X-Forwarded-For', from)).status).toBe(
            401,
          );
        }
        expect((await app.http.get('/api/v1/risks').set('X-Forwarded-For', from)).status).toBe(429);
      }
      const ready = await a.http.get('/health/ready').expect(200);
      expect(ready.body.details.counters).toMatchObject({ status: 'up', store: 'memory' });
      expect(ready.body.details.counters.message).toMatch(/Redis is unreachable/);
      const warnings = warn.mock.calls.filter(([message]) =>
        /Redis unavailable/.test(String(message)),
      );
      // One warning per instance for the whole outage.
      expect(warnings).toHaveLength(2);

      await redis.resume();
      for (let attempt = 0; attempt < 100; attempt++) {
        const [ra, rb] = await Promise.all([
          a.http.get('/health/ready'),
          b.http.get('/health/ready'),
        ]);
        if (
          ra.body.details.counters.store === 'redis' &&
          rb.body.details.counters.store === 'redis'
        )
          break;
        await sleep(100);
      }
      expect((await b.http.get('/health/ready')).body.details.counters).toEqual({
        status: 'up',
        store: 'redis',
      });
      const again = nextAddress();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await (i % 2 ? a : b).http.get('/api/v1/risks').set('X-Forwarded-For', again)).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      warn.mockRestore();
    }
  });
});
