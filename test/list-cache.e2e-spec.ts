import { bearer, loginAdmin, Session } from './support/auth-helpers';
import { createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';
import { serverUrl } from './support/test-database';

interface RiskPage {
  items: { id: string; title: string }[];
  total: number;
}

/** Each test lists its own category, so the pages it reads hold only its own risks. */
let categories = 0;
const newCategory = (): string => `Cache ${++categories}`;

async function listCategory(t: TestApp, session: Session, category: string): Promise<RiskPage> {
  const res = await t.http
    .get('/api/v1/risks')
    .query({ category, sort: 'title', limit: 2 })
    .set(...bearer(session));
  expect(res.status).toBe(200);
  return res.body as RiskPage;
}

const titles = (page: RiskPage): string[] => page.items.map((item) => item.title);

async function stampOf(t: TestApp, table: string): Promise<number> {
  const [row] = await t.sql<{ stamp: string }>(
    'SELECT stamp FROM change_stamps WHERE table_name = $1',
    [table],
  );
  return Number(row.stamp);
}

/** Changes a title with the stamp trigger off: a write no cached page can know of. */
async function retitleBehindTheStamp(t: TestApp, id: string, title: string): Promise<void> {
  await t.sql('ALTER TABLE risks DISABLE TRIGGER risks_change_stamp');
  try {
    await t.sql('UPDATE risks SET title = $2 WHERE id = $1', [id, title]);
  } finally {
    await t.sql('ALTER TABLE risks ENABLE TRIGGER risks_change_stamp');
  }
}

describe('list cache', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('should serve a page again from memory while its table is unchanged', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category, title: 'A cached' });
    expect(titles(await listCategory(t, admin, category))).toEqual(['A cached']);

    await retitleBehindTheStamp(t, risk.id, 'A changed');

    // Still the cached page: the proof the cache answered. The stamp then moves as any
    // write's commit moves it, and the next read is fresh.
    expect(titles(await listCategory(t, admin, category))).toEqual(['A cached']);
    await t.sql("UPDATE change_stamps SET stamp = stamp + 1 WHERE table_name = 'risks'");
    expect(titles(await listCategory(t, admin, category))).toEqual(['A changed']);
  });

  it('should show every API write in the next list: create, update, delete', async () => {
    const category = newCategory();
    const first = await createRisk(t, admin, { category, title: 'B first' });
    expect(await listCategory(t, admin, category)).toMatchObject({ total: 1 });

    const second = await createRisk(t, admin, { category, title: 'B second' });
    expect(await listCategory(t, admin, category)).toMatchObject({
      total: 2,
      items: [{ id: first.id }, { id: second.id }],
    });

    const patched = await t.http
      .patch(`/api/v1/risks/${first.id}`)
      .set(...bearer(admin))
      .set('If-Match', `"${first.version}"`)
      .send({ title: 'B renamed' });
    expect(patched.status).toBe(200);
    expect(titles(await listCategory(t, admin, category))).toEqual(['B renamed', 'B second']);

    const deleted = await t.http
      .delete(`/api/v1/risks/${second.id}`)
      .set(...bearer(admin))
      .set('If-Match', `"${second.version}"`);
    expect(deleted.status).toBe(204);
    expect(await listCategory(t, admin, category)).toMatchObject({
      total: 1,
      items: [{ id: first.id, title: 'B renamed' }],
    });
  });

  it('should show writes made outside the API (SQL, TRUNCATE) in the next list', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category, title: 'C before' });
    expect(titles(await listCategory(t, admin, category))).toEqual(['C before']);

    await t.sql('UPDATE risks SET title = $2 WHERE id = $1', [risk.id, 'C after']);
    expect(titles(await listCategory(t, admin, category))).toEqual(['C after']);

    const task = await t.http
      .post('/api/v1/tasks')
      .set(...bearer(admin))
      .send({ riskId: risk.id, title: 'C task' });
    expect(task.status).toBe(201);
    const tasks = () =>
      t.http
        .get('/api/v1/tasks')
        .query({ riskId: risk.id })
        .set(...bearer(admin));
    expect((await tasks()).body).toMatchObject({ total: 1 });
    await t.sql('TRUNCATE tasks');
    expect((await tasks()).body).toMatchObject({ total: 0, items: [] });
  });

  it('should read a list filtered against the clock afresh: a task falls overdue unwritten', async () => {
    const risk = await createRisk(t, admin, { category: newCategory() });
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await t.http
      .post('/api/v1/tasks')
      .set(...bearer(admin))
      .send({ riskId: risk.id, title: 'G due tomorrow', dueAt });
    expect(created.status).toBe(201);
    const overdue = () =>
      t.http
        .get('/api/v1/tasks')
        .query({ riskId: risk.id, overdue: true })
        .set(...bearer(admin));
    expect((await overdue()).body).toMatchObject({ total: 0 });

    // Time passing, as the stamp sees it: the row is as it was, yet the task is now overdue.
    await t.sql('ALTER TABLE tasks DISABLE TRIGGER tasks_change_stamp');
    try {
      await t.sql("UPDATE tasks SET due_at = now() - interval '1 hour' WHERE id = $1", [
        created.body.id,
      ]);
    } finally {
      await t.sql('ALTER TABLE tasks ENABLE TRIGGER tasks_change_stamp');
    }
    expect((await overdue()).body).toMatchObject({
      total: 1,
      items: [{ id: created.body.id }],
    });
  });

  it('should bump a stamp once per committed transaction, and not for a rolled-back one', async () => {
    const category = newCategory();
    const [one, two] = [
      await createRisk(t, admin, { category }),
      await createRisk(t, admin, { category }),
    ];
    const before = await stampOf(t, 'risks');

    await t.sql('UPDATE risks SET description = $2 WHERE id = ANY($1)', [[one.id, two.id], 'x']);
    expect(await stampOf(t, 'risks')).toBe(before + 1);

    await t.sql(`
      DO $$ BEGIN
        UPDATE risks SET description = 'rolled back';
        RAISE EXCEPTION 'undo';
      EXCEPTION WHEN raise_exception THEN NULL;
      END $$`);
    expect(await stampOf(t, 'risks')).toBe(before + 1);
  });

  // The embedded database belongs to one process: a second instance cannot share it.
  const itOnServer = serverUrl() ? it : it.skip;

  itOnServer('should show a write made by another instance on the same database', async () => {
    const other = await createTestApp({ database: t.database });
    try {
      const category = newCategory();
      await createRisk(t, admin, { category, title: 'D mine' });
      expect(titles(await listCategory(t, admin, category))).toEqual(['D mine']);

      await createRisk(other, await loginAdmin(other), { category, title: 'D theirs' });
      expect(titles(await listCategory(t, admin, category))).toEqual(['D mine', 'D theirs']);
    } finally {
      await other.close();
    }
  });

  it('should link concurrent writes to stamped tables into a valid audit chain', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    const writes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? t.http
              .post('/api/v1/risks')
              .set(...bearer(admin))
              .send({ title: `E ${i}`, category, ownerId: admin.user.id, likelihood: 2, impact: 2 })
          : t.http
              .post('/api/v1/tasks')
              .set(...bearer(admin))
              .send({ riskId: risk.id, title: `E ${i}` }),
      ),
    );
    expect(writes.map((res) => res.status)).toEqual(Array(12).fill(201));
    expect(await listCategory(t, admin, category)).toMatchObject({ total: 7 });
    const verify = await t.http.get('/api/v1/audit-events/verify').set(...bearer(admin));
    expect(verify.body).toMatchObject({ valid: true });
  });
});

describe('list cache with LIST_CACHE_ENTRIES=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LIST_CACHE_ENTRIES: '0' } });
  });
  afterAll(() => t.close());

  it('should read every page from the database', async () => {
    const admin = await loginAdmin(t);
    const category = newCategory();
    const risk = await createRisk(t, admin, { category, title: 'F stored' });
    expect(titles(await listCategory(t, admin, category))).toEqual(['F stored']);

    await retitleBehindTheStamp(t, risk.id, 'F changed');
    expect(titles(await listCategory(t, admin, category))).toEqual(['F changed']);
  });
});
