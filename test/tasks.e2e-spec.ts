import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

interface Task {
  id: string;
  riskId: string;
  title: string;
  description: string;
  assigneeId: string | null;
  dueAt: string | null;
  status: string;
  priority: string;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

interface TaskRow {
  risk_id: string;
  title: string;
  description: string;
  assignee_id: string | null;
  due_at: Date | null;
  status: string;
  priority: string;
  completed_at: Date | null;
  version: number;
}

interface AuditEvent {
  action: string;
  outcome: string;
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  method: string;
  statusCode: number;
  requestId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2999-01-01T00:00:00.000Z';
const TASK_FIELDS = [
  'assigneeId',
  'completedAt',
  'createdAt',
  'description',
  'dueAt',
  'id',
  'priority',
  'riskId',
  'status',
  'title',
  'updatedAt',
  'version',
];

describe('tasks', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let analystA: Session;
  let analystB: Session;
  let viewer: Session;
  let riskId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
    analystA = await createUserAndLogin(t, admin, 'analyst');
    analystB = await createUserAndLogin(t, admin, 'analyst');
    viewer = await createUserAndLogin(t, admin, 'viewer');
    riskId = await createRisk();
  });

  afterAll(() => t.close());

  const as = (session: Session) => ({
    post: (url: string): Test => t.http.post(url).set(...bearer(session)),
    get: (url: string): Test => t.http.get(url).set(...bearer(session)),
    patch: (url: string): Test => t.http.patch(url).set(...bearer(session)),
    delete: (url: string): Test => t.http.delete(url).set(...bearer(session)),
  });

  async function createRisk(): Promise<string> {
    const res = await as(admin)
      .post('/api/v1/risks')
      .send({
        title: `Risk ${randomUUID()}`,
        category: 'Security',
        ownerId: admin.user.id,
        likelihood: 3,
        impact: 4,
      });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  async function createTask(fields: Record<string, unknown> = {}): Promise<Task> {
    const res = await as(admin)
      .post('/api/v1/tasks')
      .send({ riskId, title: `Task ${randomUUID()}`, ...fields });
    expect(res.status).toBe(201);
    return res.body as Task;
  }

  async function rowOf(id: string): Promise<TaskRow | undefined> {
    const [row] = await t.sql<TaskRow>('SELECT * FROM tasks WHERE id = $1', [id]);
    return row;
  }

  async function eventsOf(res: Response): Promise<AuditEvent[]> {
    const requestId = res.headers['x-request-id'];
    const events = await as(admin).get(
      `/api/v1/audit-events?requestId=${encodeURIComponent(requestId)}`,
    );
    expect(events.status).toBe(200);
    return events.body.items as AuditEvent[];
  }

  /** The request's one audit event, which must be a success for a task. */
  async function successEventOf(res: Response): Promise<AuditEvent> {
    const events = await eventsOf(res);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: 'success',
      entityType: 'task',
      statusCode: res.status,
      requestId: res.headers['x-request-id'],
    });
    return events[0];
  }

  const listIds = async (query: string, session: Session = admin): Promise<string[]> => {
    const res = await as(session).get(`/api/v1/tasks?${query}`);
    expect(res.status).toBe(200);
    return (res.body.items as Task[]).map((task) => task.id);
  };

  const expectRecent = (iso: string | null) => {
    expect(iso).not.toBeNull();
    expect(Math.abs(Date.parse(iso as string) - Date.now())).toBeLessThan(60_000);
  };

  describe('create', () => {
    it('should create a task with defaults, store it and audit it', async () => {
      const res = await as(admin)
        .post('/api/v1/tasks')
        .send({ riskId, title: '  Restore-test the backups ', assigneeId: analystA.user.id });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(Object.keys(res.body).sort()).toEqual(TASK_FIELDS);
      expect(res.body).toMatchObject({
        riskId,
        title: 'Restore-test the backups',
        description: '',
        assigneeId: analystA.user.id,
        dueAt: null,
        status: 'open',
        priority: 'medium',
        completedAt: null,
        version: 1,
      });
      expect(await rowOf(res.body.id)).toMatchObject({
        risk_id: riskId,
        title: 'Restore-test the backups',
        description: '',
        assignee_id: analystA.user.id,
        due_at: null,
        status: 'open',
        priority: 'medium',
        completed_at: null,
        version: 1,
      });
      const event = await successEventOf(res);
      expect(event).toMatchObject({
        action: 'create',
        actorId: admin.user.id,
        entityId: res.body.id,
        method: 'POST',
      });
      expect(event.changes).toMatchObject({
        riskId: { from: null, to: riskId },
        title: { from: null, to: 'Restore-test the backups' },
        assigneeId: { from: null, to: analystA.user.id },
        status: { from: null, to: 'open' },
        priority: { from: null, to: 'medium' },
      });
    });

    it('should let a manager create a task with every field', async () => {
      const res = await as(manager).post('/api/v1/tasks').send({
        riskId,
        title: 'Patch the VPN appliance',
        description: 'Vendor advisory 2024-17',
        assigneeId: analystB.user.id,
        dueAt: FUTURE,
        status: 'in_progress',
        priority: 'urgent',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        description: 'Vendor advisory 2024-17',
        dueAt: FUTURE,
        status: 'in_progress',
        priority: 'urgent',
        completedAt: null,
      });
      const row = await rowOf(res.body.id);
      expect(row?.due_at?.toISOString()).toBe(FUTURE);
    });

    it('should set completedAt on a task created as done', async () => {
      const task = await createTask({ status: 'done' });
      expectRecent(task.completedAt);
      expect((await rowOf(task.id))?.completed_at).not.toBeNull();
    });

    it.each([
      ['status', { status: 'someday' }],
      ['priority', { priority: 'critical' }],
      ['owner', { owner: 'someone' }],
      ['completedAt', { completedAt: PAST }],
      ['riskId', { riskId: 'not-a-uuid' }],
      ['assigneeId', { assigneeId: 'not-a-uuid' }],
      ['title', { title: '' }],
      ['title', { title: 'x'.repeat(201) }],
      ['description', { description: 'x'.repeat(10_001) }],
      ['dueAt', { dueAt: 'next tuesday' }],
    ])('should answer 400 naming %s for bad input', async (field, fields) => {
      const before = await t.sql<{ count: string }>('SELECT count(*) FROM tasks');
      const res = await as(admin)
        .post('/api/v1/tasks')
        .send({ riskId, title: 'Bad input', ...fields });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await t.sql('SELECT count(*) FROM tasks')).toEqual(before);
    });

    it('should answer 422 naming riskId when the risk does not exist', async () => {
      const res = await as(admin)
        .post('/api/v1/tasks')
        .send({ riskId: randomUUID(), title: 'Orphan' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'riskId' })]);
    });

    it('should answer 422 naming assigneeId for an unknown or inactive user', async () => {
      const unknown = await as(admin)
        .post('/api/v1/tasks')
        .send({ riskId, title: 'Nobody', assigneeId: randomUUID() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);

      const leaver = await createUserAndLogin(t, admin, 'analyst');
      await as(admin)
        .patch(`/api/v1/users/${leaver.user.id}`)
        .send({ isActive: false })
        .expect(200);
      const inactive = await as(admin)
        .post('/api/v1/tasks')
        .send({ riskId, title: 'Leaver', assigneeId: leaver.user.id });
      expect(inactive.status).toBe(422);
      expect(inactive.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
    });
  });

  describe('read', () => {
    it('should get a task with its ETag, 404 an unknown id and 400 a malformed one', async () => {
      const task = await createTask();
      const res = await as(viewer).get(`/api/v1/tasks/${task.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toEqual(task);
      expect((await as(viewer).get(`/api/v1/tasks/${randomUUID()}`)).status).toBe(404);
      const malformed = await as(viewer).get('/api/v1/tasks/not-a-uuid');
      expect(malformed.status).toBe(400);
    });

    it('should record no audit event for a read', async () => {
      const res = await as(admin).get('/api/v1/tasks');
      expect(res.status).toBe(200);
      expect(await eventsOf(res)).toHaveLength(0);
    });
  });

  describe('list', () => {
    it('should filter by risk, assignee, status, priority and text, and page', async () => {
      const otherRisk = await createRisk();
      const tag = `tag${randomUUID().slice(0, 8)}`;
      const mine = await createTask({
        riskId: otherRisk,
        title: `Rotate the ${tag} keys`,
        assigneeId: analystA.user.id,
        priority: 'high',
      });
      const theirs = await createTask({
        riskId: otherRisk,
        title: 'Review firewall rules',
        description: `Covers the ${tag} segment`,
        assigneeId: analystB.user.id,
        status: 'blocked',
      });
      const unrelated = await createTask({ title: `Unrelated ${tag}` });

      expect((await listIds(`riskId=${otherRisk}&sort=title`)).sort()).toEqual(
        [mine.id, theirs.id].sort(),
      );
      expect(await listIds(`riskId=${otherRisk}&assigneeId=${analystA.user.id}`)).toEqual([
        mine.id,
      ]);
      expect(await listIds(`riskId=${otherRisk}&status=blocked`)).toEqual([theirs.id]);
      expect(await listIds(`riskId=${otherRisk}&priority=high`)).toEqual([mine.id]);
      expect((await listIds(`q=${tag}`, viewer)).sort()).toEqual(
        [mine.id, theirs.id, unrelated.id].sort(),
      );
      expect(await listIds(`q=${tag}&riskId=${otherRisk}&status=open`)).toEqual([mine.id]);

      const page = await as(analystA).get(`/api/v1/tasks?riskId=${otherRisk}&limit=1&offset=1`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.body.items).toHaveLength(1);
    });

    it('should sort by a whitelisted field in either direction', async () => {
      const sortRisk = await createRisk();
      const low = await createTask({
        riskId: sortRisk,
        title: 'B low',
        priority: 'low',
        dueAt: '2030-03-01T00:00:00.000Z',
      });
      const urgent = await createTask({
        riskId: sortRisk,
        title: 'C urgent',
        priority: 'urgent',
        dueAt: '2030-01-01T00:00:00.000Z',
      });
      const medium = await createTask({
        riskId: sortRisk,
        title: 'A medium',
        priority: 'medium',
        dueAt: '2030-02-01T00:00:00.000Z',
      });
      const byRisk = `riskId=${sortRisk}`;
      expect(await listIds(`${byRisk}&sort=priority`)).toEqual([low.id, medium.id, urgent.id]);
      expect(await listIds(`${byRisk}&sort=-priority`)).toEqual([urgent.id, medium.id, low.id]);
      expect(await listIds(`${byRisk}&sort=dueAt`)).toEqual([urgent.id, medium.id, low.id]);
      expect(await listIds(`${byRisk}&sort=-dueAt`)).toEqual([low.id, medium.id, urgent.id]);
      expect(await listIds(`${byRisk}&sort=title`)).toEqual([medium.id, low.id, urgent.id]);
      expect(await listIds(`${byRisk}&sort=-createdAt`)).toEqual([medium.id, urgent.id, low.id]);
      expect(await listIds(byRisk)).toEqual([medium.id, urgent.id, low.id]);
    });

    it('should list as overdue only unfinished tasks past their due date', async () => {
      const overdueRisk = await createRisk();
      const make = (status: string, dueAt: string | null) =>
        createTask({ riskId: overdueRisk, status, dueAt });
      const lateOpen = await make('open', PAST);
      const lateBlocked = await make('blocked', PAST);
      const lateDone = await make('done', PAST);
      const lateCancelled = await make('cancelled', PAST);
      const notYet = await make('in_progress', FUTURE);
      const undated = await make('open', null);

      expect((await listIds(`riskId=${overdueRisk}&overdue=true`)).sort()).toEqual(
        [lateOpen.id, lateBlocked.id].sort(),
      );
      expect((await listIds(`riskId=${overdueRisk}&overdue=false`)).sort()).toEqual(
        [lateDone.id, lateCancelled.id, notYet.id, undated.id].sort(),
      );

      // Finishing a task takes it off the overdue list.
      await as(admin).patch(`/api/v1/tasks/${lateOpen.id}`).send({ status: 'done' }).expect(200);
      expect(await listIds(`riskId=${overdueRisk}&overdue=true`)).toEqual([lateBlocked.id]);
    });

    it.each([
      ['limit', 'limit=1000'],
      ['limit', 'limit=0'],
      ['status', 'status=someday'],
      ['priority', 'priority=critical'],
      ['riskId', 'riskId=not-a-uuid'],
      ['assigneeId', 'assigneeId=42'],
      ['overdue', 'overdue=yes'],
      ['sort', 'sort=completedAt'],
      ['unknown', 'unknown=1'],
    ])('should answer 400 naming %s for a bad query', async (field, query) => {
      const res = await as(admin).get(`/api/v1/tasks?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe('update', () => {
    it('should change only the fields sent, store them and audit the diff', async () => {
      const task = await createTask({ description: 'Keep me', assigneeId: analystA.user.id });
      const res = await as(manager)
        .patch(`/api/v1/tasks/${task.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'Renamed', priority: 'high', dueAt: FUTURE });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({
        ...task,
        title: 'Renamed',
        priority: 'high',
        dueAt: FUTURE,
        version: 2,
        updatedAt: expect.any(String),
      });
      expect(await rowOf(task.id)).toMatchObject({
        title: 'Renamed',
        description: 'Keep me',
        priority: 'high',
        assignee_id: analystA.user.id,
        status: 'open',
        version: 2,
      });
      const event = await successEventOf(res);
      expect(event).toMatchObject({
        action: 'update',
        actorId: manager.user.id,
        entityId: task.id,
        method: 'PATCH',
      });
      expect(event.changes).toEqual({
        title: { from: task.title, to: 'Renamed' },
        priority: { from: 'medium', to: 'high' },
        dueAt: { from: null, to: FUTURE },
      });
    });

    it('should clear assigneeId and dueAt when sent as null', async () => {
      const task = await createTask({ assigneeId: analystA.user.id, dueAt: FUTURE });
      const res = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .send({ assigneeId: null, dueAt: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ assigneeId: null, dueAt: null });
      expect(await rowOf(task.id)).toMatchObject({ assignee_id: null, due_at: null });
    });

    it('should set completedAt on done or cancelled and clear it on reopening', async () => {
      const task = await createTask();
      const done = await as(admin).patch(`/api/v1/tasks/${task.id}`).send({ status: 'done' });
      expect(done.status).toBe(200);
      expectRecent(done.body.completedAt);
      expect((await rowOf(task.id))?.completed_at?.toISOString()).toBe(done.body.completedAt);
      const event = await successEventOf(done);
      expect(event.changes).toEqual({
        status: { from: 'open', to: 'done' },
        completedAt: { from: null, to: done.body.completedAt },
      });

      // A change that leaves the status alone keeps completedAt.
      const retitled = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .send({ title: 'Still done', status: 'done' });
      expect(retitled.body.completedAt).toBe(done.body.completedAt);

      const reopened = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .send({ status: 'in_progress' });
      expect(reopened.status).toBe(200);
      expect(reopened.body.completedAt).toBeNull();
      expect((await rowOf(task.id))?.completed_at).toBeNull();

      const cancelled = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .send({ status: 'cancelled' });
      expect(cancelled.status).toBe(200);
      expectRecent(cancelled.body.completedAt);
      expect((await rowOf(task.id))?.status).toBe('cancelled');
    });

    it.each([
      ['completedAt', { completedAt: PAST }],
      ['riskId', { riskId: randomUUID() }],
      ['status', { status: 'finished' }],
      ['priority', { priority: 'p1' }],
      ['assigneeId', { assigneeId: 'me' }],
      ['version', { version: 7 }],
    ])('should answer 400 naming %s and change nothing', async (field, body) => {
      const task = await createTask();
      const res = await as(admin).patch(`/api/v1/tasks/${task.id}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect((await rowOf(task.id))?.version).toBe(1);
    });

    it('should answer 422 naming assigneeId for a user that does not exist', async () => {
      const task = await createTask();
      const res = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .send({ assigneeId: randomUUID() });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'assigneeId' })]);
      expect((await rowOf(task.id))?.assignee_id).toBeNull();
    });

    it('should answer 404 for an unknown task', async () => {
      const res = await as(admin).patch(`/api/v1/tasks/${randomUUID()}`).send({ title: 'X' });
      expect(res.status).toBe(404);
    });

    it('should answer a stale If-Match with 412 and change nothing', async () => {
      const task = await createTask();
      await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'First edit' })
        .expect(200);
      const stale = await as(admin)
        .patch(`/api/v1/tasks/${task.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'Lost update', status: 'done' });
      expect(stale.status).toBe(412);
      expect(await rowOf(task.id)).toMatchObject({
        title: 'First edit',
        status: 'open',
        completed_at: null,
        version: 2,
      });
    });

    it('should let exactly one of two concurrent PATCHes with the same If-Match through', async () => {
      const task = await createTask();
      const results = await Promise.all(
        ['Writer one', 'Writer two'].map((title) =>
          as(admin).patch(`/api/v1/tasks/${task.id}`).set('If-Match', '"1"').send({ title }),
        ),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 412]);
      const winner = results.find((res) => res.status === 200) as Response;
      expect(await rowOf(task.id)).toMatchObject({ title: winner.body.title, version: 2 });
    });
  });

  describe('analysts', () => {
    it('should let an analyst move the status of a task assigned to them', async () => {
      const task = await createTask({ assigneeId: analystA.user.id });
      const res = await as(analystA)
        .patch(`/api/v1/tasks/${task.id}`)
        .set('If-Match', '"1"')
        .send({ status: 'in_progress' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'in_progress', version: 2 });
      expect((await rowOf(task.id))?.status).toBe('in_progress');
      const event = await successEventOf(res);
      expect(event).toMatchObject({ action: 'update', actorId: analystA.user.id });
      expect(event.changes).toEqual({ status: { from: 'open', to: 'in_progress' } });

      const done = await as(analystA).patch(`/api/v1/tasks/${task.id}`).send({ status: 'done' });
      expect(done.status).toBe(200);
      expectRecent(done.body.completedAt);
    });

    it.each([
      ['another field', () => ({ title: 'Mine now' })],
      ['status with another field', () => ({ status: 'done', priority: 'low' })],
      ['the assignee, even to themself', () => ({ assigneeId: analystA.user.id })],
      ['the assignee to nobody', () => ({ assigneeId: null })],
      ['the due date', () => ({ dueAt: FUTURE })],
    ])('should answer 403 to an analyst changing %s', async (_label, body) => {
      const task = await createTask({ assigneeId: analystA.user.id });
      const sent = body();
      const res = await as(analystA).patch(`/api/v1/tasks/${task.id}`).send(sent);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await rowOf(task.id)).toMatchObject({
        title: task.title,
        status: 'open',
        priority: 'medium',
        assignee_id: analystA.user.id,
        version: 1,
      });
    });

    it('should answer 403 to an analyst changing a task assigned to someone else or nobody', async () => {
      const theirs = await createTask({ assigneeId: analystB.user.id });
      const nobodys = await createTask();
      for (const task of [theirs, nobodys]) {
        const res = await as(analystA)
          .patch(`/api/v1/tasks/${task.id}`)
          .send({ status: 'in_progress' });
        expect(res.status).toBe(403);
        expect((await rowOf(task.id))?.status).toBe('open');
      }
    });

    it('should record a refused analyst update as denied', async () => {
      const task = await createTask({ assigneeId: analystB.user.id });
      const res = await as(analystA).patch(`/api/v1/tasks/${task.id}`).send({ status: 'done' });
      expect(res.status).toBe(403);
      const events = await eventsOf(res);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        outcome: 'denied',
        actorId: analystA.user.id,
        statusCode: 403,
      });
    });

    it('should answer 403 to an analyst creating or deleting a task, and let them read', async () => {
      const task = await createTask({ assigneeId: analystA.user.id });
      expect(
        (await as(analystA).post('/api/v1/tasks').send({ riskId, title: 'Nope' })).status,
      ).toBe(403);
      expect((await as(analystA).delete(`/api/v1/tasks/${task.id}`)).status).toBe(403);
      expect((await as(analystA).get(`/api/v1/tasks/${task.id}`)).status).toBe(200);
      expect(await rowOf(task.id)).toBeDefined();
    });
  });

  describe('access control', () => {
    it('should answer 403 to a viewer on every write and let them read', async () => {
      const task = await createTask({ assigneeId: viewer.user.id });
      const writes: [string, Test][] = [
        ['POST', as(viewer).post('/api/v1/tasks').send({ riskId, title: 'Nope' })],
        ['PATCH', as(viewer).patch(`/api/v1/tasks/${task.id}`).send({ status: 'done' })],
        ['DELETE', as(viewer).delete(`/api/v1/tasks/${task.id}`)],
      ];
      for (const [method, call] of writes) {
        const res = await call;
        expect([method, res.status]).toEqual([method, 403]);
      }
      expect(await rowOf(task.id)).toMatchObject({ status: 'open', version: 1 });
      expect((await as(viewer).get('/api/v1/tasks')).status).toBe(200);
    });

    it('should answer 401 without a token', async () => {
      const id = randomUUID();
      const calls: [string, Test][] = [
        ['GET list', t.http.get('/api/v1/tasks')],
        ['GET', t.http.get(`/api/v1/tasks/${id}`)],
        ['POST', t.http.post('/api/v1/tasks').send({ riskId, title: 'X' })],
        ['PATCH', t.http.patch(`/api/v1/tasks/${id}`).send({ title: 'X' })],
        ['DELETE', t.http.delete(`/api/v1/tasks/${id}`)],
      ];
      for (const [label, call] of calls) {
        const res = await call;
        expect([label, res.status]).toEqual([label, 401]);
      }
    });
  });

  describe('OpenAPI', () => {
    it('should document every task operation with a stable operationId and named enums', async () => {
      const res = await t.http.get('/docs/openapi.json');
      expect(res.status).toBe(200);
      const spec = res.body as {
        paths: Record<string, Record<string, { operationId: string; tags: string[] }>>;
        components: { schemas: Record<string, { enum?: string[] }> };
      };
      const operations = (path: string) =>
        Object.fromEntries(
          Object.entries(spec.paths[path]).map(([method, op]) => [method, op.operationId]),
        );
      expect(operations('/api/v1/tasks')).toEqual({ post: 'createTask', get: 'listTasks' });
      expect(operations('/api/v1/tasks/{id}')).toEqual({
        get: 'getTask',
        patch: 'updateTask',
        delete: 'deleteTask',
      });
      expect(spec.paths['/api/v1/tasks'].get.tags).toEqual(['tasks']);
      expect(spec.components.schemas.TaskStatus.enum).toEqual([
        'open',
        'in_progress',
        'blocked',
        'done',
        'cancelled',
      ]);
      expect(spec.components.schemas.TaskPriority.enum).toEqual([
        'low',
        'medium',
        'high',
        'urgent',
      ]);
      expect(spec.components.schemas).toHaveProperty('TaskPage');
      expect(spec.components.schemas).toHaveProperty('TaskSort');
    });
  });

  describe('delete', () => {
    it('should delete a task, honour If-Match and audit the removal', async () => {
      const task = await createTask({ assigneeId: analystA.user.id });
      await as(admin).patch(`/api/v1/tasks/${task.id}`).send({ priority: 'low' }).expect(200);
      const stale = await as(manager).delete(`/api/v1/tasks/${task.id}`).set('If-Match', '"1"');
      expect(stale.status).toBe(412);
      expect(await rowOf(task.id)).toBeDefined();

      const res = await as(manager).delete(`/api/v1/tasks/${task.id}`).set('If-Match', '"2"');
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await rowOf(task.id)).toBeUndefined();
      expect((await as(admin).get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
      const event = await successEventOf(res);
      expect(event).toMatchObject({
        action: 'delete',
        actorId: manager.user.id,
        entityId: task.id,
        method: 'DELETE',
      });
      expect(event.changes).toMatchObject({
        title: { from: task.title, to: null },
        riskId: { from: riskId, to: null },
        priority: { from: 'low', to: null },
      });
      expect((await as(admin).delete(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    });

    it('should refuse to delete a risk that still has tasks, and allow it once they are gone', async () => {
      const parent = await createRisk();
      const task = await createTask({ riskId: parent });
      const refused = await as(admin).delete(`/api/v1/risks/${parent}`);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/tasks/);
      expect(await rowOf(task.id)).toBeDefined();

      await as(admin).delete(`/api/v1/tasks/${task.id}`).expect(204);
      expect((await as(admin).delete(`/api/v1/risks/${parent}`)).status).toBe(204);
    });
  });
});
