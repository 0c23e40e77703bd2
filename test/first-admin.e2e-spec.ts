import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CREATE_ADMIN_CLI, runUntilExit, startServerProcess } from './support/server-process';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('first admin', () => {
  let workDir: string;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'rct-admin-'));
  });

  afterEach(() => rm(workDir, { recursive: true, force: true }));

  const signIn = (url: string, email: string, password: string) =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('should generate and print a password once on a new embedded development database', async () => {
    const first = await startServerProcess({ NODE_ENV: 'development' }, workDir);
    const printed = /e-mail:\s+(\S+)\s+password: (\S+)/.exec(first.output());
    expect(printed).not.toBeNull();
    const [, email, password] = printed!;
    expect((await signIn(first.url, email, password)).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess({ NODE_ENV: 'development' }, workDir);
    expect(second.output()).not.toMatch(/password:/);
    expect((await signIn(second.url, email, password)).status).toBe(200);
    expect(await second.stop()).toBe(0);
  });

  describe('with a database server', () => {
    let database: TestDatabase;

    beforeEach(async () => {
      database = await createTestDatabase();
    });

    afterEach(() => database.drop());

    it('should create the admin from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      const env = {
        ...database.env,
        ADMIN_EMAIL: 'boss@rct.test',
        ADMIN_PASSWORD: 'from-the-environment-1',
      };
      const server = await startServerProcess(env, workDir);
      expect((await signIn(server.url, 'boss@rct.test', 'from-the-environment-1')).status).toBe(
        200,
      );
      expect(server.output()).not.toContain('from-the-environment-1');
      expect(await server.stop()).toBe(0);
    });

    it('should say how to create an admin in production when none is configured', async () => {
      const server = await startServerProcess(
        {
          ...database.env,
          NODE_ENV: 'production',
          JWT_SECRET: 'p'.repeat(40),
          AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
            .privateKey.export({ format: 'pem', type: 'pkcs8' })
            .toString(),
        },
        workDir,
      );
      expect(server.output()).toMatch(/No user exists yet.*create-admin/);
      expect(await server.stop()).toBe(0);
    });

    it('should create an admin with npm run create-admin, reading the password from stdin', async () => {
      const password = 'typed-on-standard-input';
      const created = await runUntilExit(
        { ...database.env, ADMIN_EMAIL: 'ops@rct.test' },
        workDir,
        {
          entry: CREATE_ADMIN_CLI,
          stdin: `${password}\n`,
        },
      );
      expect(created.output).toMatch(/Created admin ops@rct\.test/);
      expect(created.code).toBe(0);
      expect(created.output).not.toContain(password);

      const again = await runUntilExit({ ...database.env, ADMIN_EMAIL: 'ops@rct.test' }, workDir, {
        entry: CREATE_ADMIN_CLI,
        stdin: password,
      });
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/already exists/);

      const tooShort = await runUntilExit({ ...database.env, ADMIN_EMAIL: 'x@rct.test' }, workDir, {
        entry: CREATE_ADMIN_CLI,
        stdin: 'short',
      });
      expect(tooShort.code).toBe(1);
      expect(tooShort.output).toMatch(/password must be longer/);

      if (database.url) {
        const client = new Client({ connectionString: database.url });
        await client.connect();
        const { rows } = await client.query('SELECT role, password_hash FROM users');
        await client.end();
        expect(rows).toEqual([
          { role: 'admin', password_hash: expect.stringMatching(/^\$argon2id\$/) },
        ]);
      }
    });
  });
});
