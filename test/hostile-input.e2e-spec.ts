import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { auditEventsOf, createControl, createEvidence, createRisk } from './support/domain-helpers';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

interface Problem {
  status: number;
  type: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

/** Sends raw bytes and reads until the server closes the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
  });
}

describe('Hostile input', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3' } });
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
  });

  afterAll(() => t.close());

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: Problem },
    status: number,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.status).toBe(status);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  }

  const fields = (res: { body: Problem }) => (res.body.errors ?? []).map((error) => error.field);

  /** Creates a risk with these fields changed. */
  const postRisk = (fields: Record<string, unknown>) =>
    t.http
      .post('/api/v1/risks')
      .set(...bearer(admin))
      .send({
        title: 'T',
        category: 'c',
        ownerId: admin.user.id,
        likelihood: 1,
        impact: 1,
        ...fields,
      });

  /** Creates a risk from raw JSON text whose fields after `title` are `rest`. */
  const postRawRisk = (rest: string) =>
    t.http
      .post('/api/v1/risks')
      .set(...bearer(admin))
      .set('Content-Type', 'application/json')
      .send(`{"title":"T","ownerId":"${admin.user.id}","likelihood":1,${rest}}`);

  describe('NUL bytes and unpaired surrogates', () => {
    it.each([
      ['q', 'a%00b'],
      ['category', 'x%00'],
    ])('should answer a list filter %s holding one with 400 naming it', async (name, value) => {
      const res = await t.http.get(`/api/v1/risks?${name}=${value}`).set(...bearer(admin));
      expectProblem(res, 400);
      expect(fields(res)).toContain(name);
    });

    it('should answer a lone surrogate in a body string with 400 naming the field', async () => {
      const res = await postRawRisk('"category":"x\\ud800","impact":1');
      expectProblem(res, 400);
      expect(fields(res)).toEqual(['category']);
    });

    it('should answer a body string holding one with 400 naming the field', async () => {
      const res = await postRisk({ title: 'a\u0000b' });
      expectProblem(res, 400);
      expect(fields(res)).toEqual(['title']);
    });

    it('should refuse a sign-in e-mail holding one and still audit it as a failed sign-in', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'admin\u0000@rct.test', password: 'whatever-password' });
      expectProblem(res, 400);
      expect(fields(res)).toEqual(['email']);
      const [event] = await auditEventsOf(t, admin, res);
      expect(event).toMatchObject({ action: 'login_failed', outcome: 'failed', statusCode: 400 });
    });
  });

  describe('JSON bodies', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    it.each(['/api/v1/auth/login', '/api/v1/risks'])(
      'should answer JSON nested 2,000 levels deep on %s with 400',
      async (path) => {
        const res = await t.http
          .post(path)
          .set(...bearer(admin))
          .set('Content-Type', 'application/json')
          .send(nested(2000));
        expectProblem(res, 400);
        expect(fields(res)).toEqual(['body']);
      },
    );

    it('should answer a text/plain body with 415', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'text/plain')
        .send('{"email":"a@b.c","password":"x"}');
      expectProblem(res, 415);
    });

    it('should answer JSON in another charset than UTF-8 with 415', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=utf-16')
        .send(JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }));
      expectProblem(res, 415);
    });

    it('should accept JSON that says charset=utf-8', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json; charset=UTF-8')
        .send(JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }));
      expect(res.status).toBe(200);
    });
  });

  describe('dates and numbers', () => {
    it.each([
      0,
      true,
      '1',
      '2026',
      '2026-02-30T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-05-01T09:00:00',
    ])('should refuse nextReviewAt %j with 400 naming it', async (value) => {
      const res = await postRisk({ nextReviewAt: value });
      expectProblem(res, 400);
      expect(fields(res)).toContain('nextReviewAt');
    });

    it('should accept an RFC 3339 date-time with an offset', async () => {
      const res = await postRisk({ nextReviewAt: '2030-01-31T10:00:00+02:00' });
      expect(res.status).toBe(201);
      expect(res.body.nextReviewAt).toBe('2030-01-31T08:00:00.000Z');
    });

    it.each(['limit=1e2', 'limit=0x10', 'offset=99999999999999999999', 'offset=1.5', 'limit=%205'])(
      'should answer %s with 400',
      async (query) => {
        const res = await t.http.get(`/api/v1/tasks?${query}`).set(...bearer(admin));
        expectProblem(res, 400);
      },
    );

    it('should answer a body number beyond the safe-integer range with 400', async () => {
      const res = await postRawRisk('"category":"c","impact":99999999999999999999');
      expectProblem(res, 400);
      expect(fields(res)).toContain('impact');
    });
  });

  describe("Fastify's own errors", () => {
    it('should answer a bad percent escape with 400 problem+json', async () => {
      const res = await t.http.get('/api/v1/risks/%').set(...bearer(admin));
      expectProblem(res, 400);
    });

    it('should answer a path parameter over 100 characters with 414 problem+json', async () => {
      const res = await t.http.get(`/api/v1/risks/${'a'.repeat(101)}`).set(...bearer(admin));
      expectProblem(res, 414);
    });

    it('should answer headers over 16 KB with 431 problem+json and close the connection', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const answer = await rawExchange(
        port,
        `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`,
      );
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head).toMatch(/\r\nConnection: close(\r\n|$)/i);
      expect(head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
      expect(JSON.parse(body)).toMatchObject({ status: 431 });
    });
  });

  describe('secrets and throttling', () => {
    it('should send Cache-Control: no-store with tokens', async () => {
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password });
      expect(login.headers['cache-control']).toBe('no-store');
      const refresh = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken });
      expect(refresh.status).toBe(200);
      expect(refresh.headers['cache-control']).toBe('no-store');
    });

    it('should throttle wrong current passwords on change-password with 429', async () => {
      const viewer = await createUserAndLogin(t, admin, 'viewer');
      const attempt = () =>
        t.http
          .post('/api/v1/auth/change-password')
          .set(...bearer(viewer))
          .send({ currentPassword: 'wrong-password-000', newPassword: 'new-password-00001' });
      for (let i = 0; i < 3; i++) expectProblem(await attempt(), 400);
      const refused = await attempt();
      expectProblem(refused, 429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('audit actions of failures', () => {
    it('should record a failed sign-in that never reached the service as a failed sign-in', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ email: 'x@rct.test' });
      expectProblem(res, 400);
      const [event] = await auditEventsOf(t, admin, res);
      expect(event).toMatchObject({
        action: 'login_failed',
        outcome: 'failed',
        entityType: 'session',
      });
    });

    it('should record a 412 on evidence review with the review action', async () => {
      const risk = await createRisk(t, admin);
      const control = await createControl(t, admin, risk.id);
      const evidence = await createEvidence(t, admin, control.id);
      const res = await t.http
        .post(`/api/v1/evidence/${evidence.id}/review`)
        .set(...bearer(manager))
        .set('If-Match', '"9"')
        .send({ decision: 'approved' });
      expectProblem(res, 412);
      const [event] = await auditEventsOf(t, admin, res);
      expect(event).toMatchObject({ action: 'review', outcome: 'failed', statusCode: 412 });
    });
  });
});
