import { TEST_ADMIN, TestApp } from './test-app';

export type Role = 'admin' | 'manager' | 'analyst' | 'viewer';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: Role };
}

export const DEFAULT_PASSWORD = 'correct-horse-battery-9';

let counter = 0;

export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
  return res.body as Session;
}

export const loginAdmin = (t: TestApp): Promise<Session> =>
  login(t, TEST_ADMIN.email, TEST_ADMIN.password);

export const bearer = (session: Session | string): [string, string] => [
  'Authorization',
  `Bearer ${typeof session === 'string' ? session : session.accessToken}`,
];

/** Creates a user through the admin API and signs them in. */
export async function createUserAndLogin(
  t: TestApp,
  admin: Session,
  role: Role,
  overrides: { email?: string; password?: string; fullName?: string } = {},
): Promise<Session> {
  counter += 1;
  const email = overrides.email ?? `${role}-${counter}-${Date.now()}@rct.test`;
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const res = await t.http
    .post('/api/v1/users')
    .set(...bearer(admin))
    .send({ email, password, role, fullName: overrides.fullName ?? `Test ${role} ${counter}` });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${res.text}`);
  return login(t, email, password);
}
