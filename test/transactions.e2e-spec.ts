import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';
import { createEmbeddedDatabase, createServerDatabase, serverUrl } from './support/test-database';

const backends: [string, () => ReturnType<typeof createEmbeddedDatabase>][] = [
  ['embedded PostgreSQL (PGlite)', createEmbeddedDatabase],
];
const base = serverUrl();
if (base) backends.unshift(['PostgreSQL server', () => createServerDatabase(base)]);

describe.each(backends)('one transaction per mutating request on %s', (_name, createDatabase) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule], database: await createDatabase() });
  });

  afterAll(async () => {
    await t.close();
    await t.database.drop();
  });

  const names = async (): Promise<string[]> => {
    const res = await t.http.get('/api/v1/__probe/probe-items').expect(200);
    return (res.body as { name: string }[]).map((item) => item.name);
  };

  it('should commit the writes of a successful request', async () => {
    const res = await t.http.post('/api/v1/__probe/probe-items').send({ name: 'kept' });
    expect(res.status).toBe(201);
    expect(await names()).toContain('kept');
  });

  it('should roll back every write of a request that fails after writing', async () => {
    const res = await t.http
      .post('/api/v1/__probe/probe-items/two-then-fail')
      .send({ name: 'doomed' });
    expect(res.status).toBe(500);
    const stored = await names();
    expect(stored).not.toContain('doomed-first');
    expect(stored).not.toContain('doomed-second');
  });

  it('should roll back the first write when the second violates a constraint', async () => {
    const res = await t.http.post('/api/v1/__probe/probe-items/duplicate').send({ name: 'twin' });
    expect(res.status).toBe(409);
    expect(await names()).not.toContain('twin');
  });

  it('should keep concurrent requests isolated from a failing one', async () => {
    const results = await Promise.all([
      t.http.post('/api/v1/__probe/probe-items').send({ name: 'parallel-a' }),
      t.http.post('/api/v1/__probe/probe-items/two-then-fail').send({ name: 'parallel-x' }),
      t.http.post('/api/v1/__probe/probe-items').send({ name: 'parallel-b' }),
    ]);
    expect(results.map((res) => res.status)).toEqual([201, 500, 201]);
    const stored = await names();
    expect(stored).toEqual(expect.arrayContaining(['parallel-a', 'parallel-b']));
    expect(stored).not.toContain('parallel-x-first');
  });
});
