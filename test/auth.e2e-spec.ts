import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import {
  bearer,
  createUserAndLogin,
  DEFAULT_PASSWORD,
  login,
  loginAdmin,
  Session,
} from './support/auth-helpers';
import { createTestApp, TEST_ADMIN, TEST_JWT_SECRET, TestApp } from './support/test-app';

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('authentication', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // Failed sign-ins in this file must not trip the throttle; it has its own suite.
    t = await createTestApp({ env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/auth/me').set(...bearer(token));
  const refresh = (refreshToken: string) =>
    t.http.post('/api/v1/auth/refresh').send({ refreshToken });

  describe('login', () => {
    it('should return a token pair and let /auth/me answer with the profile', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: TEST_ADMIN.email.toUpperCase(), password: TEST_ADMIN.password });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { email: TEST_ADMIN.email, role: 'admin' },
      });
      expect(typeof res.body.accessToken).toBe('string');
      expect(typeof res.body.refreshToken).toBe('string');
      const profile = await me(res.body.accessToken);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({
        email: TEST_ADMIN.email,
        role: 'admin',
        isActive: true,
      });
      expect(JSON.stringify(profile.body)).not.toMatch(/argon2|passwordHash|tokensValidAfter/);
      expect(profile.headers.etag).toBe(`"${profile.body.version}"`);
    });

    it('should answer an unknown e-mail and a wrong password with the same 401', async () => {
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@rct.test', password: 'whatever-password-1' });
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email: TEST_ADMIN.email, password: 'whatever-password-1' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
    });

    it('should store passwords as argon2id with at least OWASP parameters', async () => {
      const [row] = await t.sql<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [TEST_ADMIN.email],
      );
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash);
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
      expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    });
  });

  describe('refresh token rotation', () => {
    it('should rotate, refuse the spent token, and revoke the family when it is replayed', async () => {
      const first = await loginAdmin(t);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.body.accessToken)).status).toBe(200);

      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect((await refresh(first.refreshToken)).status).toBe(401);
      // The reuse revoked the whole family, including the newest token.
      expect((await refresh(second.body.refreshToken)).status).toBe(401);
      const [family] = await t.sql<{ revoked_reason: string }>(
        `SELECT f.revoked_reason FROM refresh_token_families f
           JOIN refresh_tokens t ON t.family_id = f.id
          WHERE t.token_hash = encode(sha256($1::bytea), 'hex')`,
        [second.body.refreshToken],
      );
      expect(family.revoked_reason).toBe('reuse');
    });

    it('should let exactly one of two concurrent refreshes with one token succeed', async () => {
      const session = await loginAdmin(t);
      const results = await Promise.all([
        refresh(session.refreshToken),
        refresh(session.refreshToken),
      ]);
      expect(results.map((res) => res.status).sort()).toEqual([200, 401]);
    });

    it('should never store a refresh token in clear', async () => {
      const session = await loginAdmin(t);
      const rows = await t.sql('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [
        session.refreshToken,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('should refuse an access token as a refresh token and the reverse', async () => {
      const session = await loginAdmin(t);
      expect((await refresh(session.accessToken)).status).toBe(401);
      expect((await me(session.refreshToken)).status).toBe(401);
    });
  });

  describe('logout', () => {
    it('should revoke the session of the refresh token', async () => {
      const session = await loginAdmin(t);
      const res = await t.http
        .post('/api/v1/auth/logout')
        .set(...bearer(session))
        .send({ refreshToken: session.refreshToken });
      expect(res.status).toBe(204);
      expect((await refresh(session.refreshToken)).status).toBe(401);
    });

    it("should refuse to end another user's session", async () => {
      const victim = await loginAdmin(t);
      const other = await createUserAndLogin(t, admin, 'viewer');
      const res = await t.http
        .post('/api/v1/auth/logout')
        .set(...bearer(other))
        .send({ refreshToken: victim.refreshToken });
      expect(res.status).toBe(401);
      expect((await refresh(victim.refreshToken)).status).toBe(200);
    });
  });

  describe('change password', () => {
    it('should end other sessions, refuse the old password and let the caller continue', async () => {
      const email = `changer-${randomUUID()}@rct.test`;
      const caller = await createUserAndLogin(t, admin, 'analyst', { email });
      const other = await login(t, email, DEFAULT_PASSWORD);
      const newPassword = 'a-brand-new-passphrase';

      const res = await t.http
        .post('/api/v1/auth/change-password')
        .set(...bearer(caller))
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword });
      expect(res.status).toBe(204);

      const oldLogin = await t.http
        .post('/api/v1/auth/login')
        .send({ email, password: DEFAULT_PASSWORD });
      expect(oldLogin.status).toBe(401);
      expect((await refresh(other.refreshToken)).status).toBe(401);
      const continued = await refresh(caller.refreshToken);
      expect(continued.status).toBe(200);
      expect((await me(continued.body.accessToken)).status).toBe(200);
      expect((await login(t, email, newPassword)).user.email).toBe(email);
    });

    it('should reject a wrong current password naming the field', async () => {
      const caller = await createUserAndLogin(t, admin, 'viewer');
      const res = await t.http
        .post('/api/v1/auth/change-password')
        .set(...bearer(caller))
        .send({ currentPassword: 'not-my-password-1', newPassword: 'another-long-passphrase' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    });

    it('should reject a new password shorter than 12 characters', async () => {
      const caller = await createUserAndLogin(t, admin, 'viewer');
      const res = await t.http
        .post('/api/v1/auth/change-password')
        .set(...bearer(caller))
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    });
  });

  describe('own profile', () => {
    it('should change the full name', async () => {
      const caller = await createUserAndLogin(t, admin, 'viewer');
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(caller))
        .send({ fullName: 'Renamed Person' });
      expect(res.status).toBe(200);
      expect(res.body.fullName).toBe('Renamed Person');
    });

    it.each([
      ['role', 'admin'],
      ['isActive', false],
      ['email', 'new@rct.test'],
      ['passwordHash', '$argon2id$x'],
      ['favouriteColour', 'blue'],
    ])('should reject %s with 400 naming it and change nothing', async (field, value) => {
      const caller = await createUserAndLogin(t, admin, 'viewer');
      const before = (await me(caller.accessToken)).body;
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(caller))
        .send({ fullName: 'Should Not Stick', [field]: value });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      expect((await me(caller.accessToken)).body).toEqual(before);
    });
  });

  describe('access token checks', () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const claims = () => ({
      sub: admin.user.id,
      role: 'admin',
      sid: randomUUID(),
      typ: 'access',
      jti: randomUUID(),
    });
    const sign = (payload: object, options: object = {}) =>
      jwt.sign(payload, {
        algorithm: 'HS256',
        issuer: 'risk-compliance-tracker',
        audience: 'rct-api',
        ...('exp' in payload ? {} : { expiresIn: 60 }),
        ...options,
      });

    it('should accept a well-formed token (control case)', async () => {
      expect((await me(sign(claims()))).status).toBe(200);
    });

    it('should refuse a token with alg none', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
        ...claims(),
        iat: now,
        exp: now + 60,
        iss: 'risk-compliance-tracker',
        aud: 'rct-api',
      })}.`;
      expect((await me(token)).status).toBe(401);
    });

    it('should refuse a tampered signature', async () => {
      const [header, payload, signature] = admin.accessToken.split('.');
      const flipped = signature.startsWith('A')
        ? `B${signature.slice(1)}`
        : `A${signature.slice(1)}`;
      expect((await me(`${header}.${payload}.${flipped}`)).status).toBe(401);
      const forgedPayload = b64url({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        role: 'admin',
        sub: randomUUID(),
      });
      expect((await me(`${header}.${forgedPayload}.${signature}`)).status).toBe(401);
    });

    it('should refuse an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      expect((await me(sign({ ...claims(), iat: past, exp: past + 60 }))).status).toBe(401);
    });

    it('should refuse the wrong audience or issuer', async () => {
      expect((await me(sign(claims(), { audience: 'someone-else' }))).status).toBe(401);
      expect((await me(sign(claims(), { issuer: 'someone-else' }))).status).toBe(401);
    });

    it('should refuse a token signed with another key', async () => {
      const other = new JwtService({ secret: 'x'.repeat(40) });
      const token = other.sign(claims(), {
        issuer: 'risk-compliance-tracker',
        audience: 'rct-api',
        expiresIn: 60,
      });
      expect((await me(token)).status).toBe(401);
    });

    it('should answer 401 problem+json without a token', async () => {
      const res = await t.http.get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
