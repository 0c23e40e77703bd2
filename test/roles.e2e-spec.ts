import { bearer, createUserAndLogin, loginAdmin, Role, Session } from './support/auth-helpers';
import { createControl, createRisk, riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The DESIGN.md role table, row by row: every role tries every action on fixtures made for
 * it; allowed actions must succeed and the rest must get 403 (and nothing else).
 */
type Action = (t: TestApp, as: Session, admin: Session) => Promise<{ status: number }>;

const ROLES: Role[] = ['admin', 'manager', 'analyst', 'viewer'];
const ALL = ROLES;
const EDITORS: Role[] = ['admin', 'manager'];
const CONTRIBUTORS: Role[] = ['admin', 'manager', 'analyst'];

async function evidenceOf(t: TestApp, owner: Session, admin: Session) {
  const risk = await createRisk(t, admin);
  const control = await createControl(t, admin, risk.id);
  const res = await t.http
    .post('/api/v1/evidence')
    .set(...bearer(owner.user.role === 'viewer' ? admin : owner))
    .send({
      controlId: control.id,
      title: 'Access review export',
      kind: 'link',
      url: 'https://example.com/review.pdf',
      collectedAt: new Date().toISOString(),
    });
  if (res.status !== 201) throw new Error(`evidence fixture: ${res.status} ${res.text}`);
  return res.body as { id: string };
}

async function taskFor(t: TestApp, assignee: Session, admin: Session) {
  const risk = await createRisk(t, admin);
  const res = await t.http
    .post('/api/v1/tasks')
    .set(...bearer(admin))
    .send({ riskId: risk.id, title: 'Rotate keys', assigneeId: assignee.user.id });
  if (res.status !== 201) throw new Error(`task fixture: ${res.status} ${res.text}`);
  return res.body as { id: string };
}

const ACTIONS: [string, Role[], Action][] = [
  ['list risks', ALL, (t, as) => t.http.get('/api/v1/risks').set(...bearer(as))],
  [
    'read a risk',
    ALL,
    async (t, as, admin) =>
      t.http.get(`/api/v1/risks/${(await createRisk(t, admin)).id}`).set(...bearer(as)),
  ],
  [
    'create a risk',
    EDITORS,
    (t, as, admin) =>
      t.http
        .post('/api/v1/risks')
        .set(...bearer(as))
        .send(riskBody(admin.user.id)),
  ],
  [
    'update a risk',
    EDITORS,
    async (t, as, admin) =>
      t.http
        .patch(`/api/v1/risks/${(await createRisk(t, admin)).id}`)
        .set(...bearer(as))
        .send({ impact: 1 }),
  ],
  [
    'delete a risk',
    EDITORS,
    async (t, as, admin) =>
      t.http.delete(`/api/v1/risks/${(await createRisk(t, admin)).id}`).set(...bearer(as)),
  ],
  ['list controls', ALL, (t, as) => t.http.get('/api/v1/controls').set(...bearer(as))],
  [
    'create a control',
    EDITORS,
    async (t, as, admin) =>
      t.http
        .post('/api/v1/controls')
        .set(...bearer(as))
        .send({
          riskId: (await createRisk(t, admin)).id,
          code: `RC-${Math.random().toString(36).slice(2, 10)}`,
          title: 'x',
          type: 'detective',
          ownerId: admin.user.id,
        }),
  ],
  [
    'update a control',
    EDITORS,
    async (t, as, admin) => {
      const control = await createControl(t, admin, (await createRisk(t, admin)).id);
      return t.http
        .patch(`/api/v1/controls/${control.id}`)
        .set(...bearer(as))
        .send({ title: 'y' });
    },
  ],
  [
    'delete a control',
    EDITORS,
    async (t, as, admin) => {
      const control = await createControl(t, admin, (await createRisk(t, admin)).id);
      return t.http.delete(`/api/v1/controls/${control.id}`).set(...bearer(as));
    },
  ],
  ['list evidence', ALL, (t, as) => t.http.get('/api/v1/evidence').set(...bearer(as))],
  [
    'create evidence',
    CONTRIBUTORS,
    async (t, as, admin) => {
      const control = await createControl(t, admin, (await createRisk(t, admin)).id);
      return t.http
        .post('/api/v1/evidence')
        .set(...bearer(as))
        .send({
          controlId: control.id,
          title: 'Screenshot',
          kind: 'link',
          url: 'https://example.com/x',
          collectedAt: new Date().toISOString(),
        });
    },
  ],
  [
    'update own pending evidence',
    CONTRIBUTORS,
    async (t, as, admin) =>
      t.http
        .patch(`/api/v1/evidence/${(await evidenceOf(t, as, admin)).id}`)
        .set(...bearer(as))
        .send({ title: 'Renamed' }),
  ],
  [
    'delete own pending evidence',
    CONTRIBUTORS,
    async (t, as, admin) =>
      t.http.delete(`/api/v1/evidence/${(await evidenceOf(t, as, admin)).id}`).set(...bearer(as)),
  ],
  [
    'review evidence',
    EDITORS,
    async (t, as, admin) =>
      t.http
        .post(`/api/v1/evidence/${(await evidenceOf(t, admin, admin)).id}/review`)
        .set(...bearer(as))
        .send({ decision: 'approved', comment: 'Looks right' }),
  ],
  ['list tasks', ALL, (t, as) => t.http.get('/api/v1/tasks').set(...bearer(as))],
  [
    'create a task',
    EDITORS,
    async (t, as, admin) =>
      t.http
        .post('/api/v1/tasks')
        .set(...bearer(as))
        .send({ riskId: (await createRisk(t, admin)).id, title: 'Patch' }),
  ],
  [
    'update the status of a task assigned to self',
    CONTRIBUTORS,
    async (t, as, admin) =>
      t.http
        .patch(`/api/v1/tasks/${(await taskFor(t, as, admin)).id}`)
        .set(...bearer(as))
        .send({ status: 'in_progress' }),
  ],
  [
    'delete a task',
    EDITORS,
    async (t, as, admin) =>
      t.http.delete(`/api/v1/tasks/${(await taskFor(t, admin, admin)).id}`).set(...bearer(as)),
  ],
  ['list users', ['admin'], (t, as) => t.http.get('/api/v1/users').set(...bearer(as))],
  [
    'read audit events',
    ['admin'],
    (t, as) => t.http.get('/api/v1/audit-events').set(...bearer(as)),
  ],
  [
    'verify the audit chain',
    ['admin'],
    (t, as) => t.http.get('/api/v1/audit-events/verify').set(...bearer(as)),
  ],
  ['read own profile', ALL, (t, as) => t.http.get('/api/v1/auth/me').set(...bearer(as))],
  [
    'update own profile',
    ALL,
    (t, as) =>
      t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(as))
        .send({ fullName: 'Me' }),
  ],
];

describe('role table', () => {
  let t: TestApp;
  let admin: Session;
  const sessions = {} as Record<Role, Session>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    sessions.admin = admin;
    for (const role of ['manager', 'analyst', 'viewer'] as const) {
      sessions[role] = await createUserAndLogin(t, admin, role);
    }
  });

  afterAll(() => t.close());

  const cases = ACTIONS.flatMap(([name, allowed, action]) =>
    ROLES.map((role) => [name, role, allowed.includes(role), action] as const),
  );

  it.each(cases)('%s as %s: allowed=%s', async (_name, role, allowed, action) => {
    const res = await action(t, sessions[role], admin);
    if (allowed) {
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    } else {
      expect(res.status).toBe(403);
    }
  });
});
