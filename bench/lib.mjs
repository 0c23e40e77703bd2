// Shared settings and process helpers for the benchmark (seed.mjs, run.mjs).
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = resolve(BENCH_DIR, '..');
/** Where the API is built and started from: this repository, or a scratch copy to compare. */
export const APP_DIR = resolve(process.env.BENCH_APP_DIR ?? REPO_DIR);
export const OUT_DIR = join(BENCH_DIR, '.out');

export const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/rct_bench';

export const JWT_SECRET =
  process.env.BENCH_JWT_SECRET ?? 'bench-only-secret-0123456789abcdef0123456789abcdef';
/** Production refuses to start without a checkpoint signing key: one per bench process. */
export const AUDIT_SIGNING_KEY =
  process.env.BENCH_AUDIT_SIGNING_KEY ??
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
export const ADMIN_EMAIL = 'bench-admin@example.com';
export const ADMIN_PASSWORD = 'bench-admin-password-1';
export const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);

/** Target row counts; BENCH_SCALE shrinks them for a quick trial run (0.01 = 1%). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const COUNTS = {
  users: Math.max(20, Math.round(250 * Math.min(1, SCALE * 10))),
  risks: Math.round(100_000 * SCALE),
  controls: Math.round(100_000 * SCALE),
  tasks: Math.round(200_000 * SCALE),
  audit: Math.round(1_000_000 * SCALE),
};

/** User plus system CPU of a process, in clock ticks (1/100 s); 0 once it is gone. */
export function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function ensureOutDir() {
  mkdirSync(OUT_DIR, { recursive: true });
  return OUT_DIR;
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

const children = new Set();

/** Kill whatever is still running when this process goes away, however it goes. */
function killChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.once('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    log(`${signal} received: stopping the servers this run started`);
    killChildren();
    process.exit(130);
  });
}

/**
 * Starts a node server with its output going straight to a file (so writing logs costs the
 * server, as in production, and not the load generator), and waits until `readyUrl` answers.
 */
export async function startServer({ name, args, env, cwd, port, timeoutMs = 90_000 }) {
  const readyUrl = `http://127.0.0.1:${port}/health/ready`;
  ensureOutDir();
  const logFile = join(OUT_DIR, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...cleanEnv(), ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} during start-up; see ${logFile}`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { child, logFile, name, port };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stopServer({ child, name });
  throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`);
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopServer(server, graceMs = 15_000) {
  if (!server) return;
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The environment without variables that would change what the API under test does. */
function nodeArgsFromEnv() {
  return (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('BENCH_') || key.startsWith('npm_')) delete env[key];
  }
  for (const key of [
    'DATABASE_URL',
    'NODE_OPTIONS',
    'LOG_LEVEL',
    'PORT',
    'HOST',
    'JWT_SECRET',
    'AUDIT_SIGNING_KEY',
    'MIGRATIONS_RUN',
    'DATABASE_POOL_SIZE',
  ]) {
    delete env[key];
  }
  return env;
}

export function apiEntry(appDir = APP_DIR) {
  return join(appDir, 'dist', 'apps', 'api', 'src', 'main.js');
}

/**
 * Starts the built API in production mode. BENCH_API_NODE_ARGS adds Node flags (space
 * separated), to measure a runtime setting without changing the app.
 */
export function startApi({
  port,
  logLevel = 'warn',
  migrations = false,
  extraArgs = [],
  appDir = APP_DIR,
  name = 'api',
  env = {},
}) {
  if (!existsSync(apiEntry(appDir))) throw new Error(`${apiEntry(appDir)} is missing: build first`);
  return startServer({
    name,
    cwd: appDir,
    args: [...nodeArgsFromEnv(), ...extraArgs, apiEntry(appDir)],
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      MIGRATIONS_RUN: String(migrations),
      LOG_LEVEL: logLevel,
      JWT_SECRET,
      AUDIT_SIGNING_KEY,
      // Long enough for a whole run; the default 15 minutes could expire mid-run.
      JWT_ACCESS_TTL: '7200',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // No login throttling surprises when the runner signs in repeatedly.
      LOGIN_MAX_FAILURES: '1000',
      // Throughput is measured with the rate limits off; a scenario may turn them on.
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_AUTHENTICATED: '0',
      ...env,
    },
    port,
  });
}
