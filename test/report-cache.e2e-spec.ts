import { bearer, loginAdmin, Session } from './support/auth-helpers';
import { createControl, createEvidence, createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';
import { serverUrl } from './support/test-database';

interface Summary {
  asOf: string;
  risks: { total: number; byStatus: Record<string, number> };
  acceptances: { requested: number };
  controls: { total: number };
  evidence: { total: number };
  tasks: { total: number; open: number; overdue: number };
}

async function summaryOf(t: TestApp, session: Session, category?: string): Promise<Summary> {
  const res = await t.http
    .get('/api/v1/reports/summary')
    .query(category ? { category } : {})
    .set(...bearer(session));
  expect(res.status).toBe(200);
  return res.body as Summary;
}

async function heatmapTotal(t: TestApp, session: Session, category: string): Promise<number> {
  const res = await t.http
    .get('/api/v1/reports/risk-heatmap')
    .query({ category })
    .set(...bearer(session));
  expect(res.status).toBe(200);
  return res.body.total as number;
}

/** Each test counts its own category, so its summaries hold only its own rows. */
let categories = 0;
const newCategory = (): string => `Report cache ${++categories}`;

/** Runs `sql` with the table's stamp trigger off: a write no kept report can know of. */
async function writeBehindTheStamp(t: TestApp, table: string, sql: string, params: unknown[]) {
  await t.sql(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_change_stamp`);
  try {
    await t.sql(sql, params);
  } finally {
    await t.sql(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_change_stamp`);
  }
}

async function createTask(t: TestApp, session: Session, riskId: string, dueAt?: string) {
  const res = await t.http
    .post('/api/v1/tasks')
    .set(...bearer(session))
    .send({ riskId, title: 'Counted task', ...(dueAt ? { dueAt } : {}) });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('report cache', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('should serve a summary again while none of its tables has been written', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    const first = await summaryOf(t, admin, category);
    expect(first.tasks.total).toBe(0);

    await writeBehindTheStamp(
      t,
      'tasks',
      `INSERT INTO tasks (risk_id, title) VALUES ($1, 'Unseen task')`,
      [risk.id],
    );
    // Still the kept summary, asOf and all: the proof the cache answered. Once the stamp
    // moves, as any write's commit moves it, the next summary is counted afresh.
    expect(await summaryOf(t, admin, category)).toEqual(first);
    await t.sql("UPDATE change_stamps SET stamp = stamp + 1 WHERE table_name = 'tasks'");
    const fresh = await summaryOf(t, admin, category);
    expect(fresh.tasks.total).toBe(1);
    expect(Date.parse(fresh.asOf)).toBeGreaterThanOrEqual(Date.parse(first.asOf));
  });

  it('should count the next write to any table it counts, through the API or in SQL', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    let before = await summaryOf(t, admin, category);

    /** Reads the summary (so it is kept), writes, and answers the next summary. */
    const after = async (write: () => Promise<unknown>): Promise<Summary> => {
      before = await summaryOf(t, admin, category);
      await write();
      return summaryOf(t, admin, category);
    };

    const risks = await after(() => createRisk(t, admin, { category }));
    expect(risks.risks.total).toBe(before.risks.total + 1);

    const control = await createControl(t, admin, risk.id);
    const controls = await after(() => createControl(t, admin, risk.id));
    expect(controls.controls.total).toBe(before.controls.total + 1);

    const evidence = await after(() => createEvidence(t, admin, control.id));
    expect(evidence.evidence.total).toBe(before.evidence.total + 1);

    const acceptances = await after(() =>
      t.http
        .post(`/api/v1/risks/${risk.id}/acceptances`)
        .set(...bearer(admin))
        .send({
          justification: 'Counted by the summary.',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(201),
    );
    expect(acceptances.acceptances.requested).toBe(before.acceptances.requested + 1);

    const task = await createTask(t, admin, risk.id);
    const tasks = await after(() => createTask(t, admin, risk.id));
    expect(tasks.tasks.total).toBe(before.tasks.total + 1);

    const done = await after(() =>
      t.sql(`UPDATE tasks SET status = 'done', completed_at = now() WHERE id = $1`, [task.id]),
    );
    expect(done.tasks.open).toBe(before.tasks.open - 1);

    const closed = await after(() =>
      t.sql(`UPDATE risks SET status = 'closed' WHERE id = $1`, [risk.id]),
    );
    expect(closed.risks.byStatus.closed).toBe(before.risks.byStatus.closed + 1);

    const emptied = await after(() => t.sql('TRUNCATE evidence CASCADE'));
    expect(emptied.evidence.total).toBe(0);
  });

  it('should serve a heat map again until a risk is written', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    expect(await heatmapTotal(t, admin, category)).toBe(1);

    await writeBehindTheStamp(t, 'risks', 'UPDATE risks SET category = $2 WHERE id = $1', [
      risk.id,
      `${category} moved`,
    ]);
    expect(await heatmapTotal(t, admin, category)).toBe(1);

    await createRisk(t, admin, { category });
    expect(await heatmapTotal(t, admin, category)).toBe(1);
    expect(await heatmapTotal(t, admin, `${category} moved`)).toBe(1);
  });

  // The embedded database belongs to one process: a second instance cannot share it.
  const itOnServer = serverUrl() ? it : it.skip;

  itOnServer('should count a write made by another instance on the same database', async () => {
    const other = await createTestApp({ database: t.database });
    try {
      const otherAdmin = await loginAdmin(other);
      const category = newCategory();
      const risk = await createRisk(t, admin, { category });
      expect((await summaryOf(t, admin, category)).tasks.total).toBe(0);
      expect((await summaryOf(other, otherAdmin, category)).tasks.total).toBe(0);
      expect(await heatmapTotal(other, otherAdmin, category)).toBe(1);

      await createTask(other, otherAdmin, risk.id);
      expect((await summaryOf(t, admin, category)).tasks.total).toBe(1);

      await createRisk(t, admin, { category });
      expect((await summaryOf(other, otherAdmin, category)).risks.total).toBe(2);
      expect(await heatmapTotal(other, otherAdmin, category)).toBe(2);
    } finally {
      await other.close();
    }
  });
});

describe('report cache and the clock', () => {
  const windowMs = 4000;
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { REPORT_CLOCK_WINDOW_MS: String(windowMs) } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('should count a task overdue once the clock passes its due date, with no write', async () => {
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    const dueAt = Date.now() + 3000;
    await createTask(t, admin, risk.id, new Date(dueAt).toISOString());

    const first = await summaryOf(t, admin, category);
    expect(first.tasks).toMatchObject({ open: 1, overdue: 0 });

    // Past the due date but inside the window: the kept summary, still as of its asOf.
    await sleep(Math.max(0, dueAt + 100 - Date.now()));
    const kept = await summaryOf(t, admin, category);
    expect(kept).toEqual(first);

    // Past the window: counted again against the clock, nothing having been written.
    await sleep(windowMs + 100);
    const later = await summaryOf(t, admin, category);
    expect(later.tasks).toMatchObject({ open: 1, overdue: 1 });
    expect(Date.parse(later.asOf)).toBeGreaterThan(dueAt);
  });
});

describe('report cache with REPORT_CACHE_ENTRIES=0', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { REPORT_CACHE_ENTRIES: '0' } });
  });
  afterAll(() => t.close());

  it('should count every summary and heat map afresh', async () => {
    const admin = await loginAdmin(t);
    const category = newCategory();
    const risk = await createRisk(t, admin, { category });
    expect((await summaryOf(t, admin, category)).tasks.total).toBe(0);
    expect(await heatmapTotal(t, admin, category)).toBe(1);

    await writeBehindTheStamp(
      t,
      'tasks',
      `INSERT INTO tasks (risk_id, title) VALUES ($1, 'Unseen task')`,
      [risk.id],
    );
    await writeBehindTheStamp(t, 'risks', 'UPDATE risks SET category = $2 WHERE id = $1', [
      risk.id,
      `${category} moved`,
    ]);
    expect(await heatmapTotal(t, admin, category)).toBe(0);
    expect((await summaryOf(t, admin, `${category} moved`)).tasks.total).toBe(1);
  });
});
