import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

describe('login throttling', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_FAILURE_WINDOW: '900' } });
  });

  afterEach(() => t.close());

  const attempt = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password });

  it('should answer the sixth failed sign-in for an e-mail with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(TEST_ADMIN.email, `wrong-password-${i}`)).status).toBe(401);
    }
    const blocked = await attempt(TEST_ADMIN.email, 'wrong-password-6');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Even the right password waits out the window.
    expect((await attempt(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(429);
  });

  it('should chain each failed sign-in but leave the 429s to the log', async () => {
    const failures = () =>
      t.sql<{ action: string; status_code: number }>(
        "SELECT action, status_code FROM audit_events WHERE action = 'login_failed' ORDER BY seq",
      );
    for (let i = 0; i < 5; i += 1) await attempt(TEST_ADMIN.email, `wrong-password-${i}`);
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt(TEST_ADMIN.email, `wrong-again-${i}`)).status).toBe(429);
    }
    expect((await failures()).map((event) => event.status_code)).toEqual([401, 401, 401, 401, 401]);
  });

  it('should let no more wrong passwords through than the limit when they arrive at once', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attempt(TEST_ADMIN.email, `wrong-password-${i}`).then((res) => res.status),
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    expect((await attempt(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(429);
  });

  it('should count failures per client address across e-mails', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(`sprayed-${i}@rct.test`, 'wrong-password-x')).status).toBe(401);
    }
    expect((await attempt('sprayed-new@rct.test', 'wrong-password-x')).status).toBe(429);
  });

  it('should not trust X-Forwarded-For to dodge the limit', async () => {
    for (let i = 0; i < 5; i += 1) {
      await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.0.0.${i}`)
        .send({ email: `xff-${i}@rct.test`, password: 'wrong-password-x' });
    }
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '10.0.0.99')
      .send({ email: 'xff-new@rct.test', password: 'wrong-password-x' });
    expect(res.status).toBe(429);
  });

  it('should reset the e-mail count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i += 1) await attempt(TEST_ADMIN.email, 'wrong-password-y');
    expect((await attempt(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
  });

  it('should not count successful sign-ins against the address', async () => {
    for (let i = 0; i < 6; i += 1) {
      expect((await attempt(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    }
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(`other-${i}@rct.test`, 'wrong-password-w')).status).toBe(401);
    }
  });
});
