import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runUntilExit,
  SEED_DEMO_CLI,
  ServerProcess,
  startServerProcess,
} from './support/server-process';

const ROOT = join(__dirname, '..');
const LOCKED =
  /^.*\.data\/pglite is in use by process (\d+) \(.+\); stop it first, or set DATA_DIR to another folder\.$/;

/** `npm run migration:run`, as the README gives it, in `cwd`. */
function runMigrationCli(cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
      '-d',
      join(ROOT, 'libs', 'database', 'src', 'cli-data-source.ts'),
      'migration:run',
    ],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** A pid that surely names no live process: one that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

describe("the newcomer's path", () => {
  let workDir: string;
  let server: ServerProcess | undefined;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'rct-newcomer-'));
  });

  afterEach(async () => {
    await server?.stop('SIGTERM');
    server = undefined;
    await rm(workDir, { recursive: true, force: true });
  });

  describe('the embedded data directory', () => {
    it('should stop a second server, the seed and the migration CLI with one line naming the holder', async () => {
      server = await startServerProcess({}, workDir);
      const lock = JSON.parse(readFileSync(join(workDir, '.data', 'pglite.lock'), 'utf8')) as {
        pid: number;
      };

      const others = [
        await runUntilExit({}, workDir),
        await runUntilExit({}, workDir, { entry: SEED_DEMO_CLI }),
        await runMigrationCli(workDir),
      ];
      for (const { code, output } of others) {
        expect(code).toBe(1);
        const lines = output.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(LOCKED);
        expect(Number(LOCKED.exec(lines[0])?.[1])).toBe(lock.pid);
      }

      // The holder was not disturbed: it still serves, and still holds the lock.
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
      expect(readFileSync(join(workDir, '.data', 'pglite.lock'), 'utf8')).toContain(
        `"pid":${lock.pid}`,
      );
    });

    it('should take over a lock whose holder is dead, and release it on exit', async () => {
      await mkdir(join(workDir, '.data'), { recursive: true });
      const lockFile = join(workDir, '.data', 'pglite.lock');
      writeFileSync(lockFile, JSON.stringify({ pid: await deadPid(), command: 'a crashed one' }));

      server = await startServerProcess({}, workDir);
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
      expect(await server.stop('SIGTERM')).toBe(0);
      server = undefined;
      expect(() => readFileSync(lockFile)).toThrow(/ENOENT/);
    });
  });

  it('should stop on a busy port with one line and a non-zero exit, no stack trace', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const { code, output } = await runUntilExit({ PORT: String(port) }, workDir);
      expect(code).toBe(1);
      expect(output.split('\n')).toContain(
        `Port ${port} on 127.0.0.1 is already in use: stop what holds it, or set PORT.`,
      );
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });
});
