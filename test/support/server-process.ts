import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const PROBE_SERVER = join(ROOT, 'test', 'support', 'probe-server.ts');
export const CREATE_ADMIN_CLI = join(ROOT, 'apps', 'api', 'src', 'cli', 'create-admin.ts');
export const SEED_DEMO_CLI = join(ROOT, 'apps', 'api', 'src', 'cli', 'seed-demo.ts');
export const AUDIT_VERIFY_CLI = join(ROOT, 'apps', 'api', 'src', 'cli', 'audit-verify.ts');
const LISTENING = /Listening on (http:\/\/[^ ]+)/;

export interface ServerProcess {
  url: string;
  /** Milliseconds from spawn until the server said it was listening. */
  startupMs: number;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

interface Spawned {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * Runs a TypeScript entry (by default the real server plus the probe routes) as a child
 * process in `cwd`, as an operator would, with only the given environment.
 */
function spawnEntry(
  env: Record<string, string>,
  cwd: string,
  entry = PROBE_SERVER,
  args: string[] = [],
): Spawned {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      entry,
      ...args,
    ],
    {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        TS_NODE_TRANSPILE_ONLY: 'true',
        PORT: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

/** Starts the server and resolves once it listens. */
export function startServerProcess(
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const started = Date.now();
  const { child, exited, output } = spawnEntry(env, cwd);
  child.stdin?.end();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = LISTENING.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        url: match[1],
        startupMs: Date.now() - started,
        output,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });
}

/** Runs an entry to completion (the server expecting it to refuse to start, or a CLI). */
export async function runUntilExit(
  env: Record<string, string>,
  cwd: string,
  options: { entry?: string; stdin?: string; args?: string[] } = {},
): Promise<{ code: number | null; output: string }> {
  const { child, exited, output } = spawnEntry(env, cwd, options.entry, options.args);
  child.stdin?.end(options.stdin ?? '');
  const code = await exited;
  return { code, output: output() };
}
