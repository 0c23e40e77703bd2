import { randomUUID } from 'node:crypto';
import {
  bearer,
  createUserAndLogin,
  DEFAULT_PASSWORD,
  login,
  loginAdmin,
  Session,
} from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

describe('user management', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const asAdmin = {
    post: (url: string) => t.http.post(url).set(...bearer(admin)),
    get: (url: string) => t.http.get(url).set(...bearer(admin)),
    patch: (url: string) => t.http.patch(url).set(...bearer(admin)),
  };
  const refresh = (refreshToken: string) =>
    t.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (token: string) => t.http.get('/api/v1/auth/me').set(...bearer(token));

  describe('create', () => {
    it('should create a user, normalise the e-mail and never return the hash', async () => {
      const email = `New.Person-${randomUUID()}@RCT.test`;
      const res = await asAdmin
        .post('/api/v1/users')
        .send({ email, fullName: '  Nia Person ', role: 'analyst', password: DEFAULT_PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: email.toLowerCase(),
        fullName: 'Nia Person',
        role: 'analyst',
        isActive: true,
        version: 1,
      });
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'createdAt',
          'email',
          'fullName',
          'id',
          'isActive',
          'kind',
          'role',
          'updatedAt',
          'version',
        ].sort(),
      );
      const [row] = await t.sql<{ email: string }>('SELECT email FROM users WHERE id = $1', [
        res.body.id,
      ]);
      expect(row.email).toBe(email.toLowerCase());
    });

    it('should answer 409 for an e-mail taken in another case', async () => {
      const email = `dup-${randomUUID()}@rct.test`;
      await asAdmin
        .post('/api/v1/users')
        .send({ email, fullName: 'A', role: 'viewer', password: DEFAULT_PASSWORD })
        .expect(201);
      const res = await asAdmin.post('/api/v1/users').send({
        email: email.toUpperCase(),
        fullName: 'B',
        role: 'viewer',
        password: DEFAULT_PASSWORD,
      });
      expect(res.status).toBe(409);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['role', { role: 'superuser' }],
      ['password', { password: 'short' }],
      ['password', { password: 'x'.repeat(129) }],
      ['fullName', { fullName: '' }],
      ['isActive', { isActive: false }],
    ])('should reject a bad %s naming it', async (field, patch) => {
      const res = await asAdmin.post('/api/v1/users').send({
        email: `bad-${randomUUID()}@rct.test`,
        fullName: 'Bad Input',
        role: 'viewer',
        password: DEFAULT_PASSWORD,
        ...patch,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe('list and read', () => {
    it('should filter by role, active flag and text, and page', async () => {
      const tag = randomUUID().slice(0, 8);
      for (const role of ['manager', 'manager', 'viewer'] as const) {
        await asAdmin
          .post('/api/v1/users')
          .send({
            email: `${tag}-${randomUUID()}@rct.test`,
            fullName: `Listed ${tag}`,
            role,
            password: DEFAULT_PASSWORD,
          })
          .expect(201);
      }
      const managers = await asAdmin.get(
        `/api/v1/users?q=${tag}&role=manager&isActive=true&limit=1&sort=-email`,
      );
      expect(managers.status).toBe(200);
      expect(managers.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(managers.body.items).toHaveLength(1);
      const second = await asAdmin.get(
        `/api/v1/users?q=${tag}&role=manager&limit=1&offset=1&sort=-email`,
      );
      expect(second.body.items[0].email < managers.body.items[0].email).toBe(true);
    });

    it.each([
      ['limit', 'limit=1000'],
      ['limit', 'limit=0'],
      ['role', 'role=root'],
      ['isActive', 'isActive=yes'],
      ['sort', 'sort=passwordHash'],
    ])('should reject a bad %s query naming it', async (field, query) => {
      const res = await asAdmin.get(`/api/v1/users?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('should answer 404 for an unknown id and 400 for a malformed one', async () => {
      expect((await asAdmin.get(`/api/v1/users/${randomUUID()}`)).status).toBe(404);
      expect((await asAdmin.get('/api/v1/users/not-a-uuid')).status).toBe(400);
    });
  });

  describe('update', () => {
    it('should send an ETag and answer a stale If-Match with 412, changing nothing', async () => {
      const user = await createUserAndLogin(t, admin, 'viewer');
      const read = await asAdmin.get(`/api/v1/users/${user.user.id}`);
      expect(read.headers.etag).toBe('"1"');
      const ok = await asAdmin
        .patch(`/api/v1/users/${user.user.id}`)
        .set('If-Match', read.headers.etag)
        .send({ fullName: 'First Edit' });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      const stale = await asAdmin
        .patch(`/api/v1/users/${user.user.id}`)
        .set('If-Match', read.headers.etag)
        .send({ fullName: 'Lost Update' });
      expect(stale.status).toBe(412);
      expect((await asAdmin.get(`/api/v1/users/${user.user.id}`)).body.fullName).toBe('First Edit');
    });

    it('should reject a malformed If-Match', async () => {
      const user = await createUserAndLogin(t, admin, 'viewer');
      const res = await asAdmin
        .patch(`/api/v1/users/${user.user.id}`)
        .set('If-Match', 'abc')
        .send({ fullName: 'X' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    });

    it("should end a deactivated user's access and refresh tokens", async () => {
      const user = await createUserAndLogin(t, admin, 'manager');
      const res = await asAdmin.patch(`/api/v1/users/${user.user.id}`).send({ isActive: false });
      expect(res.status).toBe(200);
      expect(res.body.isActive).toBe(false);
      expect((await me(user.accessToken)).status).toBe(401);
      expect((await refresh(user.refreshToken)).status).toBe(401);
      const relogin = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.user.email, password: DEFAULT_PASSWORD });
      expect(relogin.status).toBe(401);
    });

    it("should stop a demoted manager's old token from granting anything", async () => {
      const user = await createUserAndLogin(t, admin, 'manager');
      await asAdmin.patch(`/api/v1/users/${user.user.id}`).send({ role: 'viewer' }).expect(200);
      expect((await me(user.accessToken)).status).toBe(401);
      const renewed = await refresh(user.refreshToken);
      expect(renewed.status).toBe(200);
      expect(renewed.body.user.role).toBe('viewer');
    });

    it('should refuse to demote or deactivate the last active admin', async () => {
      const demote = await asAdmin
        .patch(`/api/v1/users/${admin.user.id}`)
        .send({ role: 'manager' });
      expect(demote.status).toBe(409);
      const deactivate = await asAdmin
        .patch(`/api/v1/users/${admin.user.id}`)
        .send({ isActive: false });
      expect(deactivate.status).toBe(409);
      expect((await asAdmin.get(`/api/v1/users/${admin.user.id}`)).body).toMatchObject({
        role: 'admin',
        isActive: true,
      });
    });

    it('should allow demoting an admin while another active admin remains', async () => {
      const second = await createUserAndLogin(t, admin, 'admin');
      const res = await asAdmin.patch(`/api/v1/users/${second.user.id}`).send({ role: 'manager' });
      expect(res.status).toBe(200);
    });
  });

  describe('reset password', () => {
    it("should set the password and end all the user's sessions", async () => {
      const user = await createUserAndLogin(t, admin, 'analyst');
      const newPassword = 'reset-by-the-admin-42';
      const res = await asAdmin
        .post(`/api/v1/users/${user.user.id}/reset-password`)
        .send({ newPassword });
      expect(res.status).toBe(204);
      expect((await refresh(user.refreshToken)).status).toBe(401);
      expect((await me(user.accessToken)).status).toBe(401);
      expect((await login(t, user.user.email, newPassword)).user.id).toBe(user.user.id);
    });
  });

  describe('access control', () => {
    const routes = (id: string): [string, string][] => [
      ['get', '/api/v1/users'],
      ['post', '/api/v1/users'],
      ['get', `/api/v1/users/${id}`],
      ['patch', `/api/v1/users/${id}`],
      ['post', `/api/v1/users/${id}/reset-password`],
    ];

    it.each(['manager', 'analyst', 'viewer'] as const)(
      'should answer 403 to a %s on every /users route',
      async (role) => {
        const session = await createUserAndLogin(t, admin, role);
        for (const [method, url] of routes(session.user.id)) {
          const res = await (
            t.http as unknown as Record<string, (u: string) => import('supertest').Test>
          )
            [method](url)
            .set(...bearer(session))
            .send({});
          expect([method, url, res.status]).toEqual([method, url, 403]);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      },
    );

    it('should answer 401 without a token on every /users route', async () => {
      for (const [method, url] of routes(randomUUID())) {
        const res = await (
          t.http as unknown as Record<string, (u: string) => import('supertest').Test>
        )
          [method](url)
          .send({});
        expect([method, url, res.status]).toEqual([method, url, 401]);
      }
    });
  });
});
