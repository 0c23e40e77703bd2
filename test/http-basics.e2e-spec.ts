import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP basics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule], env: { HTTP_BODY_LIMIT: '2048' } });
  });

  afterAll(() => t.close());

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
  ): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      status,
      type: expect.stringMatching(/^urn:problem-type:rct:/),
    });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(typeof res.body.title).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  }

  describe('request id', () => {
    it('should echo a well-formed X-Request-Id', async () => {
      const res = await t.http.get('/health/live').set('X-Request-Id', 'trace.ABC-123_x');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('trace.ABC-123_x');
    });

    it.each([
      ['too long', 'a'.repeat(129)],
      ['forbidden characters', 'abc def<script>'],
    ])('should replace an X-Request-Id that is %s with a UUID', async (_label, value) => {
      const res = await t.http.get('/health/live').set('X-Request-Id', value);
      expect(res.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    });

    it('should generate a fresh id per request when none is sent', async () => {
      const [a, b] = await Promise.all([t.http.get('/health/live'), t.http.get('/health/live')]);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });

  describe('problem+json errors', () => {
    it('should answer an unknown route with 404 carrying the request id', async () => {
      const res = await t.http.get('/api/v1/no-such-thing').set('X-Request-Id', 'req-404');
      expectProblem(res, 404);
      expect(res.body.requestId).toBe('req-404');
      expect(res.body.instance).toBe('/api/v1/no-such-thing');
    });

    it('should answer malformed JSON with 400', async () => {
      const res = await t.http
        .post('/api/v1/__probe/probe-items')
        .set('Content-Type', 'application/json')
        .set('X-Request-Id', 'req-400')
        .send('{"name": ');
      expectProblem(res, 400);
      expect(res.body.requestId).toBe('req-400');
    });

    it('should answer a body over HTTP_BODY_LIMIT with 413', async () => {
      const res = await t.http
        .post('/api/v1/__probe/probe-items')
        .set('X-Request-Id', 'req-413')
        .send({ name: 'x'.repeat(4096) });
      expectProblem(res, 413);
      expect(res.body.requestId).toBe('req-413');
    });

    it('should answer an unsupported media type with 415', async () => {
      const res = await t.http
        .post('/api/v1/__probe/probe-items')
        .set('Content-Type', 'application/x-unknown')
        .send('name=x');
      expectProblem(res, 415);
    });

    it('should name every invalid and every unknown field', async () => {
      const res = await t.http
        .post('/api/v1/__probe/probe-items')
        .send({ name: '', rank: 9, role: 'admin' });
      expectProblem(res, 400);
      const fields = (res.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'rank', 'role']));
    });

    it('should reject a query parameter of the wrong type naming it', async () => {
      const res = await t.http.get('/api/v1/__probe/probe-items/slow?ms=abc');
      expectProblem(res, 400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'ms' })]),
      );
    });

    it('should hide internals of an unexpected error behind a generic 500', async () => {
      const res = await t.http
        .post('/api/v1/__probe/probe-items/two-then-fail')
        .send({ name: 'z' });
      expectProblem(res, 500);
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/secret|postgres:|at .*\.ts|stack/i);
    });

    it('should map a unique violation to 409 without SQL text', async () => {
      const res = await t.http.post('/api/v1/__probe/probe-items/duplicate').send({ name: 'dup' });
      expectProblem(res, 409);
      expect(JSON.stringify(res.body)).not.toMatch(/probe_items|INSERT|duplicate key/i);
    });
  });

  describe('security headers', () => {
    it('should send helmet headers', async () => {
      const res = await t.http.get('/health/live');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('should send them on error responses too, with the CSP Swagger UI needs', async () => {
      const res = await t.http.get('/api/v1/no-such-route');
      expectProblem(res, 404);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
    });
  });

  describe('API docs', () => {
    it('should send the bare address to the docs, without listing / in the spec', async () => {
      const res = await t.http.get('/');
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/docs');
      const spec = await t.http.get('/docs/openapi.json');
      expect(Object.keys(spec.body.paths as object)).not.toContain('/');
    });

    it('should serve Swagger UI at /docs', async () => {
      const res = await t.http.get('/docs').redirects(1);
      expect(res.status).toBe(200);
      expect(res.text).toContain('swagger-ui');
    });

    it('should serve the spec with title, version and bearer scheme', async () => {
      const res = await t.http.get('/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.info).toMatchObject({
        title: 'Risk Compliance Tracker API',
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      });
      expect(res.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
    });
  });
});
