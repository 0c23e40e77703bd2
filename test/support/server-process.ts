import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'test', 'support', 'probe-server.ts');
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
 * Runs the real server entry (AppModule plus the probe routes, via startServer) as a child
 * process in `cwd`, as an operator would, with only the given environment.
 */
function spawnProbeServer(env: Record<string, string>, cwd: string): Spawned {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      ENTRY,
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
      stdio: ['ignore', 'pipe', 'pipe'],
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
  const { child, exited, output } = spawnProbeServer(env, cwd);
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

/** Runs the server expecting it to refuse to start. */
export async function runUntilExit(
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const { exited, output } = spawnProbeServer(env, cwd);
  const code = await exited;
  return { code, output: output() };
}
