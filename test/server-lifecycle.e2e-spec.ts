import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { readdirSync } from 'node:fs';
import { runUntilExit, startServerProcess } from './support/server-process';
import { adminQuery, serverUrl, withDatabase } from './support/test-database';

const MIGRATION_FILES = readdirSync(join(__dirname, '..', 'migrations')).filter((file) =>
  /^\d+-.+\.ts$/.test(file),
);

describe('server lifecycle', () => {
  let workDir: string;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'rct-server-'));
  });

  afterEach(() => rm(workDir, { recursive: true, force: true }));

  describe('embedded database', () => {
    it('should boot on a fresh folder, keep data across a restart, and stop with exit 0', async () => {
      const first = await startServerProcess({}, workDir);
      const ready = await fetch(`${first.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(first.output()).toMatch(
        /embedded PostgreSQL \(PGlite\) persisted in .*\.data\/pglite/,
      );
      const created = await fetch(`${first.url}/api/v1/__probe/probe-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'survives-restart' }),
      });
      expect(created.status).toBe(201);
      expect(await first.stop('SIGTERM')).toBe(0);

      const second = await startServerProcess({}, workDir);
      const items = (await (await fetch(`${second.url}/api/v1/__probe/probe-items`)).json()) as {
        name: string;
      }[];
      expect(items.map((item) => item.name)).toContain('survives-restart');
      expect(await second.stop('SIGINT')).toBe(0);
      process.stdout.write(
        `start-up (embedded): first boot ${first.startupMs} ms, second boot ${second.startupMs} ms\n`,
      );
    });

    it('should finish an in-flight request after SIGTERM and then exit 0', async () => {
      const server = await startServerProcess({}, workDir);
      const slow = fetch(`${server.url}/api/v1/__probe/probe-items/slow?ms=1500`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exitCode = server.stop('SIGTERM');
      const res = await slow;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ sleptMs: 1500 });
      expect(await exitCode).toBe(0);
      expect(server.output()).toContain('Shutdown complete');
    });
  });

  describe('configuration', () => {
    it('should refuse to start on a bad value with one line naming the variable', async () => {
      const { code, output } = await runUntilExit({ PORT: 'eighty' }, workDir);
      expect(code).toBe(1);
      expect(output.trim().split('\n')).toHaveLength(1);
      expect(output).toMatch(/^Invalid configuration: PORT /);
    });
  });

  const base = serverUrl();
  (base ? describe : describe.skip)('PostgreSQL server (DATABASE_URL)', () => {
    const name = `rct_e2e_boot_${process.pid}`;
    const url = base ? withDatabase(base, name) : '';

    beforeAll(() => adminQuery(base!, `CREATE DATABASE ${name}`));
    afterAll(() => adminQuery(base!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it('should apply every migration exactly once over two boots', async () => {
      for (let boot = 0; boot < 2; boot += 1) {
        const server = await startServerProcess({ DATABASE_URL: url }, workDir);
        expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
        expect(server.output()).toMatch(/Database: PostgreSQL at postgresql:\/\/[^ :]+@/);
        expect(server.output()).not.toMatch(/pglite/i);
        expect(await server.stop()).toBe(0);
        if (boot === 0) {
          process.stdout.write(`start-up (PostgreSQL server): ${server.startupMs} ms\n`);
        }
      }
      await expectEachMigrationAppliedOnce(url);
    });

    it('should take turns when two instances start together on an empty database', async () => {
      const pairName = `${name}_pair`;
      const pairUrl = withDatabase(base!, pairName);
      await adminQuery(base!, `CREATE DATABASE ${pairName}`);
      try {
        const servers = await Promise.all(
          [0, 1].map(() => startServerProcess({ DATABASE_URL: pairUrl }, workDir, 90_000)),
        );
        for (const server of servers) {
          expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
          expect(await server.stop()).toBe(0);
        }
        await expectEachMigrationAppliedOnce(pairUrl);
      } finally {
        await adminQuery(base!, `DROP DATABASE IF EXISTS ${pairName} WITH (FORCE)`);
      }
    });
  });

  async function expectEachMigrationAppliedOnce(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: string }>(
        'SELECT name, count(*) AS times FROM migrations GROUP BY name',
      );
      expect(rows).toHaveLength(MIGRATION_FILES.length);
      expect(rows.every((row) => row.times === '1')).toBe(true);
    } finally {
      await client.end();
    }
  }
});
