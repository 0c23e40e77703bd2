import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createControl, createEvidence, createRisk, Created } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;

/** A moment strictly after the last response, and before the next request. */
async function momentAfter(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const moment = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return moment;
}

/**
 * Every field equal, except the row's own timestamps of an older version: those the trail
 * knows only as the time its event was written, which follows the row's stamp by the length
 * of the request (README "History").
 */
function expectSameRecord(asOf: Body, remembered: Body, moment: string): void {
  const { updatedAt, createdAt, ...rest } = remembered;
  expect({ ...asOf, updatedAt: undefined, createdAt: undefined }).toEqual({
    ...rest,
    updatedAt: undefined,
    createdAt: undefined,
  });
  expect(asOf.createdAt).toBe(createdAt);
  const rebuiltUpdate = new Date(asOf.updatedAt as string).getTime();
  expect(rebuiltUpdate).toBeGreaterThanOrEqual(new Date(updatedAt as string).getTime());
  expect(rebuiltUpdate).toBeLessThanOrEqual(new Date(moment).getTime());
}

describe('history and asOf, rebuilt from the audit trail', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    viewer = await createUserAndLogin(t, admin, 'viewer');
  });
  afterAll(() => t.close());

  const asOf = (path: string, moment: string, session: Session = viewer) =>
    t.http
      .get(path)
      .query({ asOf: moment })
      .set(...bearer(session));

  it('should answer a risk as it stood at each remembered moment, field by field', async () => {
    const beforeCreation = await momentAfter();
    const risk = await createRisk(t, admin, { likelihood: 2, impact: 2 });
    const path = `/api/v1/risks/${risk.id}`;
    const remembered: [string, Body][] = [[await momentAfter(), risk]];
    const patches: Body[] = [
      { title: 'Renamed once' },
      { likelihood: 5, impact: 5 },
      { residualLikelihood: 2, residualImpact: 3 },
      { description: 'Now described', status: 'in_treatment', treatment: 'mitigate' },
      { reviewIntervalDays: 30 },
      { residualLikelihood: null, residualImpact: null },
      { title: 'Renamed again', category: 'Privacy' },
      { nextReviewAt: '2031-05-05T10:00:00.000Z' },
    ];
    for (const patch of patches) {
      const res = await t.http
        .patch(path)
        .set(...bearer(admin))
        .send(patch);
      expect(res.status).toBe(200);
      remembered.push([await momentAfter(), res.body as Body]);
    }
    const review = await t.http
      .post(`${path}/reviews`)
      .set(...bearer(admin))
      .send({ outcome: 'reassessed' });
    expect(review.status).toBe(201);
    const reviewed = await t.http.get(path).set(...bearer(admin));
    remembered.push([await momentAfter(), reviewed.body as Body]);

    for (const [moment, state] of remembered) {
      const res = await asOf(path, moment);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBeUndefined();
      expectSameRecord(res.body as Body, state, moment);
    }
    // The latest version is the row itself, timestamps included.
    const [lastMoment, last] = remembered[remembered.length - 1];
    expect((await asOf(path, lastMoment)).body).toEqual(last);
    expect((await asOf(path, beforeCreation)).status).toBe(404);

    const deleted = await t.http.delete(path).set(...bearer(admin));
    expect(deleted.status).toBe(204);
    const afterDelete = await momentAfter();
    expect((await asOf(path, afterDelete)).status).toBe(404);
    // Before its deletion it is still there, now from the trail alone.
    const [moment, state] = remembered[3];
    const gone = await asOf(path, moment);
    expect(gone.status).toBe(200);
    expect({ ...gone.body, createdAt: state.createdAt }).toMatchObject({
      ...state,
      updatedAt: gone.body.updatedAt,
    });
  });

  it('should page /history oldest first by keyset, also after a delete', async () => {
    const risk = await createRisk(t, admin);
    const path = `/api/v1/risks/${risk.id}`;
    for (let i = 1; i <= 4; i += 1) {
      await t.http
        .patch(path)
        .set(...bearer(admin))
        .send({ title: `Title ${i}` });
    }
    const first = await t.http
      .get(`${path}/history`)
      .query({ limit: 3 })
      .set(...bearer(viewer));
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: Body) => item.action)).toEqual([
      'create',
      'update',
      'update',
    ]);
    expect(first.body.items[0]).toMatchObject({
      actorId: admin.user.id,
      actorEmail: admin.user.email,
    });
    expect(first.body.items[1].changes.title).toEqual({ from: risk.title, to: 'Title 1' });
    expect(first.body.nextCursor).toBe(first.body.items[2].seq);

    await t.http.delete(path).set(...bearer(admin));
    const second = await t.http
      .get(`${path}/history`)
      .query({ limit: 3, cursor: first.body.nextCursor })
      .set(...bearer(viewer));
    expect(second.body.items.map((item: { changes: Body }) => item.changes.title)).toEqual([
      { from: 'Title 2', to: 'Title 3' },
      { from: 'Title 3', to: 'Title 4' },
      { from: 'Title 4', to: null },
    ]);
    const seqs = [...first.body.items, ...second.body.items].map((item: Body) => Number(item.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const unknown = await t.http
      .get('/api/v1/risks/0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21/history')
      .set(...bearer(viewer));
    expect(unknown.status).toBe(404);
    const badCursor = await t.http
      .get(`${path}/history`)
      .query({ cursor: 'abc' })
      .set(...bearer(viewer));
    expect(badCursor.status).toBe(400);
  });

  it('should rebuild controls, evidence and tasks the same way', async () => {
    const risk = await createRisk(t, admin);
    const control = await createControl(t, admin, risk.id);
    const evidence = await createEvidence(t, admin, control.id);
    const taskRes = await t.http
      .post('/api/v1/tasks')
      .set(...bearer(admin))
      .send({ riskId: risk.id, title: 'Patch the servers', assigneeId: admin.user.id });
    expect(taskRes.status).toBe(201);
    const task = taskRes.body as Created;
    const cases: [string, Created, Body[]][] = [
      [
        `/api/v1/controls/${control.id}`,
        control,
        [{ title: 'C2' }, { effectiveness: 'effective' }],
      ],
      [`/api/v1/evidence/${evidence.id}`, evidence, [{ title: 'E2' }, { description: 'D' }]],
      [`/api/v1/tasks/${task.id}`, task, [{ status: 'in_progress' }, { priority: 'urgent' }]],
    ];
    for (const [path, created, patches] of cases) {
      const remembered: [string, Body][] = [[await momentAfter(), created]];
      for (const patch of patches) {
        const res = await t.http
          .patch(path)
          .set(...bearer(admin))
          .send(patch);
        expect(res.status).toBe(200);
        remembered.push([await momentAfter(), res.body as Body]);
      }
      for (const [moment, state] of remembered) {
        const res = await asOf(path, moment);
        expect(res.status).toBe(200);
        expectSameRecord(res.body as Body, state, moment);
      }
      const history = await t.http.get(`${path}/history`).set(...bearer(viewer));
      expect(history.body.items).toHaveLength(patches.length + 1);
    }
  });

  it('should default evidence collectedAt to its creation', async () => {
    const risk = await createRisk(t, admin);
    const control = await createControl(t, admin, risk.id);
    const res = await t.http
      .post('/api/v1/evidence')
      .set(...bearer(admin))
      .send({ controlId: control.id, title: 'Undated', kind: 'link', url: 'https://example.com' });
    expect(res.status).toBe(201);
    expect(res.body.collectedAt).toBe(res.body.createdAt);
  });

  it('should refuse a malformed asOf with 400 naming it', async () => {
    const risk = await createRisk(t, admin);
    const res = await asOf(`/api/v1/risks/${risk.id}`, '2026-02-30T00:00:00Z');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('asOf');
  });
});
