#!/usr/bin/env node
// The benchmark: seeds (once), builds if needed, starts the API in production mode and the
// bare Fastify + pg baseline on loopback, runs each scenario with autocannon (50 connections,
// warm-up, then 20 s), prints a table and writes bench/results.json. See bench/README.md.
//
//   npm run bench                       everything
//   npm run bench -- --only S1,S4       some scenarios (baseline and info-logging runs follow)
//   npm run bench -- --duration 10 --warmup 3 --no-info --no-baseline
//   npm run bench -- --cpu-prof         API and baseline with --cpu-prof (profiles in bench/.out/)
//   BENCH_APP_DIR=/tmp/copy npm run bench -- --out /tmp/copy-results.json
//                                       measure a scratch copy of the app (e.g. a proposed fix)
import autocannon from 'autocannon';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  APP_DIR,
  BENCH_DIR,
  COUNTS,
  DATABASE_URL,
  JWT_SECRET,
  OUT_DIR,
  POOL_SIZE,
  apiEntry,
  ensureOutDir,
  log,
  processTicks,
  startApi,
  startServer,
  stopServer,
} from './lib.mjs';
import { runInstanceScenarios } from './scenarios-instances.mjs';
import { ensureSeeded } from './seed.mjs';
import { measureExports, REPORT_TARGETS, reportScenarios } from './scenarios-reports.mjs';
import { applyWebhookBenchEnv, webhookScenarios } from './scenarios-webhooks.mjs';
import { apiKeyChecks, apiKeyFixtures, apiKeyScenarios } from './scenarios-apikeys.mjs';
import { workflowScenarios } from './scenarios-workflows.mjs';

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: join(BENCH_DIR, 'results.json') },
    'no-baseline': { type: 'boolean', default: false },
    'no-info': { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    word: { type: 'string', default: 'ransomware' },
  },
});

const DURATION = Number(options.duration);
const WARMUP = Number(options.warmup);
const CONNECTIONS = Number(options.connections);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3100);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 3101);
const S1_IDS = 10_000;
const S5_TASKS = 2_000;
const S6_DEPTH = 500;
const SEARCH_WORD = options.word;

/** The issue's targets: ratio API/baseline, p99 in ms; S6 deep page vs first page. */
const TARGETS = {
  S1: { ratio: 0.7, p99: 50 },
  S2: { ratio: 0.7, p99: 50 },
  S3: { p99: 50 },
  S4: { ratio: 0.6, p99: 100 },
  S5: { p99: 100 },
  'S6 first': { p99: 100 },
  'S6 deep': { p99: 100, deepVsFirst: 1.5 },
  ...REPORT_TARGETS,
};

// ------------------------------------------------------------------------------ build check
function newestSource(dir) {
  let newest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const sub of ['apps', 'libs', 'migrations']) {
    if (existsSync(join(dir, sub))) walk(join(dir, sub));
  }
  return newest;
}

function ensureBuilt() {
  const entry = apiEntry();
  const stale = !existsSync(entry) || statSync(entry).mtimeMs < newestSource(APP_DIR);
  if (!options.build && !stale) {
    log(`build is current (${relative(process.cwd(), entry) || entry})`);
    return;
  }
  log(`building ${APP_DIR} (npm run build)`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: APP_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

// ------------------------------------------------------------------------------ HTTP helpers
async function login(port) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

async function getJson(url, token) {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return { body: await response.json(), etag: response.headers.get('etag') };
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapLimit(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

// ------------------------------------------------------------------------------ reset
/** Runs `work` on a connection of its own to the bench database, closed afterwards. */
async function withClient(work) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * S4 creates thousands of risks per run; left in place they would grow the lists S2 and S3
 * read and make runs incomparable. Removed (their audit events stay: the trail is append-only)
 * before and after each run, and the table vacuumed so counts use index-only scans again.
 */
async function removeBenchmarkRisks() {
  return withClient(async (client) => {
    const { rowCount } = await client.query(
      `DELETE FROM risks WHERE title LIKE 'Benchmark risk %'`,
    );
    if (rowCount) {
      await client.query('VACUUM (ANALYZE) risks');
      log(`removed ${rowCount} risks created by earlier S4 runs`);
    }
  });
}

/**
 * What a write run leaves for autovacuum: a dead audit_event_queue row per event, the linked
 * events' pages, old task versions. CI's PostgreSQL runs with autovacuum off, and there the
 * dead rows piled up run after run (the queue grew to 130 MB) and slowed whichever scenario
 * came next. Vacuumed after each write run, as autovacuum would be on a production server.
 */
const WRITTEN_TABLES = ['audit_event_queue', 'audit_events', 'change_stamps', 'tasks'];
async function vacuumWrittenTables() {
  return withClient(async (client) => {
    await client.query(`VACUUM (ANALYZE) ${WRITTEN_TABLES.join(', ')}`);
  });
}

// ------------------------------------------------------------------------------ fixtures
async function loadFixtures(token, wanted) {
  return withClient(async (client) => {
    const riskIds = (
      await client.query('SELECT id FROM risks ORDER BY random() LIMIT $1', [S1_IDS])
    ).rows.map((row) => row.id);
    const ownerIds = (
      await client.query(
        `SELECT id FROM users WHERE is_active AND role IN ('admin', 'manager', 'analyst') ORDER BY email`,
      )
    ).rows.map((row) => row.id);
    const taskIds = (
      await client.query('SELECT id FROM tasks ORDER BY random() LIMIT $1', [S5_TASKS])
    ).rows.map((row) => row.id);
    const searchHits = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM risks WHERE search @@ websearch_to_tsquery('simple', $1)`,
          [SEARCH_WORD],
        )
      ).rows[0].n,
    );
    const s2Hits = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM risks WHERE status = 'open' AND severity = 'high'`,
        )
      ).rows[0].n,
    );
    const pgVersion = (await client.query('SHOW server_version')).rows[0].server_version;
    const pgSettings = Object.fromEntries(
      (
        await client.query(
          `SELECT name, setting || coalesce(unit, '') AS value FROM pg_settings
           WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections',
                          'synchronous_commit', 'random_page_cost', 'jit', 'autovacuum')`,
        )
      ).rows.map((row) => [row.name, row.value]),
    );
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM risks)::int AS risks, (SELECT count(*) FROM controls)::int AS controls,
                (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(*) FROM audit_events)::int AS audit_events`,
      )
    ).rows[0];

    // S5: the current version and status of each task, read through the API (its ETag).
    const started = Date.now();
    const tasks = await mapLimit(wanted('S5') ? taskIds : [], 16, async (id) => {
      const { body, etag } = await getJson(
        `http://127.0.0.1:${API_PORT}/api/v1/tasks/${id}`,
        token,
      );
      return { id, version: Number(etag.replaceAll('"', '')), status: body.status };
    });
    log(`read ${tasks.length} task ETags in ${Date.now() - started} ms`);

    // S6: walk 500 pages of nextCursor to find the deep page's cursor.
    const walkStarted = Date.now();
    let cursor;
    let deepPages = 0;
    while (wanted('S6 deep') && deepPages < S6_DEPTH) {
      const query = `entityType=risk&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const { body } = await getJson(
        `http://127.0.0.1:${API_PORT}/api/v1/audit-events?${query}`,
        token,
      );
      if (!body.nextCursor) {
        log(`WARNING: the audit trail ends after ${deepPages + 1} pages (a scaled-down seed?)`);
        break;
      }
      cursor = body.nextCursor;
      deepPages += 1;
    }
    log(`walked ${deepPages} audit pages in ${Date.now() - walkStarted} ms: cursor ${cursor}`);
    return {
      riskIds,
      ownerIds,
      tasks,
      deepCursor: cursor,
      deepPages,
      searchHits,
      s2Hits,
      pgVersion,
      pgSettings,
      counts,
    };
  });
}

// ------------------------------------------------------------------------------ scenarios
function scenarios(fixtures) {
  const { riskIds, ownerIds, tasks, deepCursor } = fixtures;
  let s1 = 0;
  let s4 = 0;
  let s5 = 0;
  const s5Outcomes = { conflicts: 0, preconditionFailed: 0 };
  const versionIn = (body) => {
    const match = /resource is at version (\d+)/.exec(body ?? '');
    return match ? Number(match[1]) : undefined;
  };
  /**
   * autocannon drops the requests in flight when a run ends; the server still applied them, so
   * re-read those tasks' ETags before the next run instead of counting a harness 412.
   */
  const resync = async (_port, token) => {
    const stale = tasks.filter((task) => task.inFlight);
    if (stale.length === 0) return;
    // Let the server finish the abandoned requests first, or we read the version before them.
    await new Promise((done) => setTimeout(done, 2_000));
    await mapLimit(stale, 8, async (task) => {
      // From the API whichever server ran: the baseline serves only the measured routes.
      const { body, etag } = await getJson(
        `http://127.0.0.1:${API_PORT}/api/v1/tasks/${task.id}`,
        token,
      );
      task.version = Number(etag.replaceAll('"', ''));
      task.status = body.status;
      task.inFlight = false;
    });
  };
  return {
    s5Outcomes,
    list: [
      {
        name: 'S1',
        title: 'GET /risks/{id}',
        baseline: true,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/risks/${riskIds[s1++ % riskIds.length]}`,
            }),
          },
        ],
      },
      {
        name: 'S2',
        title: 'GET /risks?status=open&severity=high&sort=-inherentScore&limit=50',
        baseline: true,
        requests: [
          {
            method: 'GET',
            path: '/api/v1/risks?status=open&severity=high&sort=-inherentScore&limit=50',
          },
        ],
      },
      {
        name: 'S3',
        title: `GET /risks?q=${SEARCH_WORD}&limit=20`,
        baseline: true,
        requests: [
          { method: 'GET', path: `/api/v1/risks?q=${encodeURIComponent(SEARCH_WORD)}&limit=20` },
        ],
      },
      {
        name: 'S4',
        title: 'POST /risks (+ audit event and chain)',
        baseline: true,
        // Later scenarios (the log=info S2) must read the seeded risks, not these as well.
        afterRun: async () => {
          await removeBenchmarkRisks();
          await vacuumWrittenTables();
        },
        requests: [
          {
            method: 'POST',
            path: '/api/v1/risks',
            setupRequest: (req) => {
              const n = s4++;
              return {
                ...req,
                headers: { ...req.headers, 'content-type': 'application/json' },
                body: JSON.stringify({
                  title: `Benchmark risk ${n} ${process.pid}`,
                  description:
                    'Created by the benchmark: a supplier outage could stop order intake.',
                  category: ['Security', 'Operational', 'Vendor', 'Privacy'][n % 4],
                  ownerId: ownerIds[n % ownerIds.length],
                  likelihood: 1 + (n % 5),
                  impact: 1 + ((n * 7) % 5),
                }),
              };
            },
          },
        ],
      },
      {
        name: 'S5',
        title: 'PATCH /tasks/{id} with If-Match',
        baseline: true,
        afterRun: async (port, token) => {
          await resync(port, token);
          await vacuumWrittenTables();
        },
        requests: [
          {
            method: 'PATCH',
            setupRequest: (req, context) => {
              const task = tasks[s5++ % tasks.length];
              context.task = task;
              task.inFlight = true;
              return {
                ...req,
                path: `/api/v1/tasks/${task.id}`,
                headers: {
                  ...req.headers,
                  'content-type': 'application/json',
                  'if-match': `"${task.version}"`,
                },
                body: JSON.stringify({
                  status: task.status === 'in_progress' ? 'blocked' : 'in_progress',
                }),
              };
            },
            onResponse: (status, body, context, headers) => {
              const task = context.task;
              if (!task) return;
              task.inFlight = false;
              if (status === 200) {
                task.version = Number(String(headers.etag ?? headers.ETag).replaceAll('"', ''));
                task.status = task.status === 'in_progress' ? 'blocked' : 'in_progress';
              } else if (status === 412) {
                s5Outcomes.preconditionFailed += 1;
                task.version = versionIn(body) ?? task.version;
              } else if (status === 409) {
                s5Outcomes.conflicts += 1;
              }
            },
          },
        ],
      },
      {
        name: 'S6 first',
        title: 'GET /audit-events?entityType=risk&limit=50',
        baseline: true,
        requests: [{ method: 'GET', path: '/api/v1/audit-events?entityType=risk&limit=50' }],
      },
      {
        name: 'S6 deep',
        title: `GET /audit-events?entityType=risk&limit=50&cursor=… (${fixtures.deepPages} pages deep)`,
        baseline: true,
        requests: [
          {
            method: 'GET',
            path: `/api/v1/audit-events?entityType=risk&limit=50&cursor=${deepCursor}`,
          },
        ],
      },
      ...reportScenarios(),
      ...apiKeyScenarios(fixtures),
    ],
  };
}

/** One autocannon run, with every response's latency kept so runs can be merged exactly. */
function cannon(port, token, requests, seconds) {
  return new Promise((resolveRun, rejectRun) => {
    const latencies = [];
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 10,
        headers: { authorization: `Bearer ${token}` },
        requests,
      },
      (error, result) => (error ? rejectRun(error) : resolveRun({ result, latencies })),
    );
    instance.on('response', (_client, _status, _bytes, milliseconds) =>
      latencies.push(milliseconds),
    );
  });
}

// ------------------------------------------------------------------------------ CPU accounting
// Where the cores went during a measurement: the server under test, its PostgreSQL backends,
// this process (the load generator), and anything else on the machine (other work skews it).
const TICKS_PER_SECOND = 100;

function machineTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const numbers = fields.map(Number);
  const total = numbers.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - numbers[3] - numbers[4], total };
}

async function backendPids() {
  return withClient(async (client) => {
    const { rows } = await client.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((row) => row.pid);
  });
}

async function cpuSnapshot(serverPid) {
  const pids = await backendPids();
  return {
    at: process.hrtime.bigint(),
    machine: machineTicks(),
    server: processTicks(serverPid),
    postgres: Object.fromEntries(pids.map((pid) => [pid, processTicks(pid)])),
    self: process.cpuUsage(),
  };
}

function cpuShare(before, after) {
  const seconds = Number(after.at - before.at) / 1e9;
  const pct = (ticks) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
  // A backend that appeared during the measurement (a pool reconnecting after its idle
  // timeout) spent all its ticks in it; counting it as zero put them under "other".
  const postgres = Object.entries(after.postgres).reduce(
    (sum, [pid, ticks]) => sum + ticks - (before.postgres[pid] ?? 0),
    0,
  );
  const self = process.cpuUsage(before.self);
  const loadGenerator = Math.round(((self.user + self.system) / 1e6 / seconds) * 100);
  const machine = pct(after.machine.busy - before.machine.busy);
  const server = pct(after.server - before.server);
  return {
    serverMs: ((after.server - before.server) / TICKS_PER_SECOND) * 1000,
    postgresMs: (postgres / TICKS_PER_SECOND) * 1000,
    machineBusyPct: machine,
    machineCapacityPct: os.cpus().length * 100,
    serverPct: server,
    postgresPct: pct(postgres),
    loadGeneratorPct: loadGenerator,
    otherPct: Math.max(0, machine - server - pct(postgres) - loadGenerator),
  };
}

/**
 * On a shared machine, wait (bounded) until the cores are mostly idle before a measurement,
 * so other work skews it less; what was left is reported as cpu.otherPct anyway.
 */
const QUIET_BUSY_PCT = Number(process.env.BENCH_QUIET_BUSY_PCT ?? 30);
const QUIET_MAX_SECONDS = Number(process.env.BENCH_QUIET_MAX_SECONDS ?? 30);
async function waitForQuiet() {
  const started = Date.now();
  for (;;) {
    const before = machineTicks();
    await new Promise((done) => setTimeout(done, 1_000));
    const after = machineTicks();
    const busyPct = Math.round(
      ((after.busy - before.busy) / (after.total - before.total)) * 100 * os.cpus().length,
    );
    const waited = Math.round((Date.now() - started) / 1000);
    if (busyPct <= QUIET_BUSY_PCT || waited >= QUIET_MAX_SECONDS) {
      if (busyPct > QUIET_BUSY_PCT)
        log(`machine still busy (${busyPct}% CPU) after ${waited} s; measuring anyway`);
      return { waitedSeconds: waited, busyPctBefore: busyPct };
    }
  }
}

/** One timed run of a scenario: autocannon's result, every latency, and where the CPU went. */
async function timedRun(server, token, scenario, seconds, { warmup }) {
  const port = server.port;
  const quiet = await waitForQuiet();
  if (warmup && WARMUP > 0) {
    await cannon(port, token, scenario.requests, WARMUP);
    await scenario.afterRun?.(port, token);
  }
  const cpuBefore = await cpuSnapshot(server.child.pid);
  const { result, latencies } = await cannon(port, token, scenario.requests, seconds);
  const cpu = cpuShare(cpuBefore, await cpuSnapshot(server.child.pid));
  await scenario.afterRun?.(port, token);
  return { result, latencies, cpu, quiet };
}

async function measure(target, server, token, scenario) {
  const run = await timedRun(server, token, scenario, DURATION, { warmup: true });
  return summarize(target, scenario, [run]);
}

/**
 * API and baseline in halves, in the order API, baseline, baseline, API: a machine whose speed
 * drifts during the run (shared cores) then weighs on both alike, and the ratio holds. Each
 * server is warmed up whenever it takes over from the other: the API's second half comes after
 * half a minute of idling, long enough for its pool to close idle connections, and without a
 * warm-up it measured reconnecting and re-preparing, a cost the baseline's adjacent halves
 * never paid.
 */
async function measurePair(api, baseline, token, scenario) {
  const half = DURATION / 2;
  const apiFirst = await timedRun(api, token, scenario, half, { warmup: true });
  const baseFirst = await timedRun(baseline, token, scenario, half, { warmup: true });
  const baseSecond = await timedRun(baseline, token, scenario, half, { warmup: false });
  const apiSecond = await timedRun(api, token, scenario, half, { warmup: true });
  return [
    summarize('api', scenario, [apiFirst, apiSecond]),
    summarize('baseline', scenario, [baseFirst, baseSecond]),
  ];
}

const sum = (values) => values.reduce((a, b) => a + b, 0);

function percentile(sorted, fraction) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** One row from one or more runs of the same scenario against the same server. */
function summarize(target, scenario, runs) {
  const results = runs.map((run) => run.result);
  const total = sum(results.map((r) => r.requests.total));
  const seconds = sum(results.map((r) => r.duration));
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const share = (key) => Math.round(sum(runs.map((run) => run.cpu[key])) / runs.length);
  const statusCodes = {};
  for (const result of results) {
    for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
      statusCodes[code] = (statusCodes[code] ?? 0) + stats.count;
    }
  }
  // CPU per request: what a request costs, whatever else ran on the machine at the time.
  const perRequest = (ms) => Math.round((ms / Math.max(total, 1)) * 1000) / 1000;
  const cpu = {
    machineBusyPct: share('machineBusyPct'),
    machineCapacityPct: runs[0].cpu.machineCapacityPct,
    serverPct: share('serverPct'),
    postgresPct: share('postgresPct'),
    loadGeneratorPct: share('loadGeneratorPct'),
    otherPct: share('otherPct'),
    serverMsPerRequest: perRequest(sum(runs.map((run) => run.cpu.serverMs))),
    postgresMsPerRequest: perRequest(sum(runs.map((run) => run.cpu.postgresMs))),
  };
  const summary = {
    scenario: scenario.name,
    title: scenario.title,
    target,
    requestsPerSecond: Math.round(total / Math.max(seconds, 1e-9)),
    latencyMs: {
      p50: Math.round(percentile(latencies, 0.5)),
      p90: Math.round(percentile(latencies, 0.9)),
      p99: Math.round(percentile(latencies, 0.99)),
      mean: Math.round((sum(latencies) / Math.max(latencies.length, 1)) * 100) / 100,
      max: Math.round(latencies[latencies.length - 1] ?? 0),
    },
    requests: total,
    ok2xx: sum(results.map((r) => r['2xx'])),
    non2xx: sum(results.map((r) => r.non2xx)),
    errors: sum(results.map((r) => r.errors)),
    timeouts: sum(results.map((r) => r.timeouts)),
    statusCodes,
    cpu,
    runs: runs.length,
    // Each run on its own: halves 25 s apart on a drifting machine widen the merged p99.
    perRun: runs.map((run) => {
      const sorted = [...run.latencies].sort((a, b) => a - b);
      return {
        requestsPerSecond: Math.round(
          run.result.requests.total / Math.max(run.result.duration, 1e-9),
        ),
        p50: Math.round(percentile(sorted, 0.5)),
        p99: Math.round(percentile(sorted, 0.99)),
      };
    }),
    quiet: runs[0].quiet,
  };
  log(
    `${target.padEnd(13)} ${scenario.name.padEnd(8)} ${String(summary.requestsPerSecond).padStart(6)} req/s  ` +
      `p50 ${summary.latencyMs.p50} ms  p99 ${summary.latencyMs.p99} ms  non-2xx ${summary.non2xx}  errors ${summary.errors}  ` +
      `cpu% server ${cpu.serverPct} pg ${cpu.postgresPct} loadgen ${cpu.loadGeneratorPct} other ${cpu.otherPct}  ` +
      `cpu ms/req server ${cpu.serverMsPerRequest} pg ${cpu.postgresMsPerRequest}` +
      (runs.length > 1
        ? `  per run ${summary.perRun.map((r) => `${r.requestsPerSecond} req/s p99 ${r.p99}`).join(', ')}`
        : ''),
  );
  return summary;
}

// ------------------------------------------------------------------------------ report
function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: APP_DIR }).toString().trim();
    // Neither the previous run's results.json nor documentation makes the code any different.
    const dirty =
      execFileSync(
        'git',
        ['status', '--porcelain', '--', '.', ':(exclude)bench/results.json', ':(exclude)*.md'],
        { cwd: APP_DIR },
      )
        .toString()
        .trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

function evaluate(rows) {
  const api = (name) => rows.find((r) => r.target === 'api' && r.scenario === name);
  const baseline = (name) => rows.find((r) => r.target === 'baseline' && r.scenario === name);
  const checks = [];
  for (const [name, target] of Object.entries(TARGETS)) {
    const row = api(name);
    if (!row) continue;
    if (target.ratio !== undefined && row.ratio !== undefined) {
      checks.push({
        scenario: name,
        target: `ratio >= ${target.ratio}`,
        actual: row.ratio,
        met: row.ratio >= target.ratio,
      });
    }
    if (target.p99 !== undefined) {
      checks.push({
        scenario: name,
        target: `p99 <= ${target.p99} ms`,
        actual: row.latencyMs.p99,
        // Latency targets depend on the machine: what the bare baseline reaches on it says how.
        baselineP99: baseline(name)?.latencyMs.p99,
        met: row.latencyMs.p99 <= target.p99,
      });
    }
    if (target.deepVsFirst !== undefined && api('S6 first')) {
      const first = api('S6 first');
      const factor = Math.round((row.latencyMs.p50 / Math.max(first.latencyMs.p50, 1)) * 100) / 100;
      const throughput =
        Math.round((first.requestsPerSecond / Math.max(row.requestsPerSecond, 1)) * 100) / 100;
      checks.push({
        scenario: name,
        target: `deep page within ${target.deepVsFirst}x of first (p50 and req/s)`,
        actual: { p50Factor: factor, throughputFactor: throughput },
        met: factor <= target.deepVsFirst && throughput <= target.deepVsFirst,
      });
    }
  }
  return checks;
}

function printTable(rows, checks) {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'ratio'];
  const lines = rows.map((r) => [
    r.scenario,
    r.target,
    String(r.requestsPerSecond),
    String(r.latencyMs.p50),
    String(r.latencyMs.p99),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    r.ratio === undefined ? '' : r.ratio.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const out = [
    format(header),
    `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  ];
  for (const line of lines) out.push(format(line));
  out.push('');
  for (const check of checks) {
    const actual =
      (typeof check.actual === 'object' ? JSON.stringify(check.actual) : check.actual) +
      (check.baselineP99 === undefined ? '' : ` (baseline ${check.baselineP99})`);
    out.push(
      `${check.met ? 'met   ' : 'MISSED'}  ${check.scenario.padEnd(8)} ${check.target}: ${actual}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

// ------------------------------------------------------------------------------ main
async function main() {
  const started = Date.now();
  const only = options.only ? new Set(options.only.split(',').map((s) => s.trim())) : undefined;
  const wanted = (name) => !only || only.has(name) || only.has(name.split(' ')[0]);

  // The seed migrates through the built API, so the build comes first on a fresh clone.
  ensureBuilt();
  const seed = await ensureSeeded();
  await removeBenchmarkRisks();

  const servers = [];
  const rows = [];
  let webhooks;
  let fixtures;
  let s5Outcomes;
  let exports = [];
  try {
    const profileDir = join(OUT_DIR, 'profiles');
    if (options['cpu-prof']) mkdirSync(profileDir, { recursive: true });
    if (wanted('WH')) applyWebhookBenchEnv();
    const api = await startApi({
      port: API_PORT,
      logLevel: 'warn',
      extraArgs: options['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    servers.push(api);
    const baseline = options['no-baseline']
      ? undefined
      : await startServer({
          name: 'baseline',
          cwd: APP_DIR,
          args: [
            ...(options['cpu-prof']
              ? [
                  '--cpu-prof',
                  `--cpu-prof-dir=${profileDir}`,
                  '--cpu-prof-name=baseline.cpuprofile',
                ]
              : []),
            join(BENCH_DIR, 'baseline-server.mjs'),
          ],
          env: {
            PORT: String(BASELINE_PORT),
            HOST: '127.0.0.1',
            DATABASE_URL,
            DATABASE_POOL_SIZE: String(POOL_SIZE),
            JWT_SECRET,
            ...(process.env.BASELINE_JWT_KEY
              ? { BASELINE_JWT_KEY: process.env.BASELINE_JWT_KEY }
              : {}),
          },
          port: BASELINE_PORT,
        });
    if (baseline) servers.push(baseline);

    const token = await login(API_PORT);
    fixtures = await loadFixtures(token, wanted);
    if (wanted('AK1') || wanted('AK2')) {
      fixtures.apiKeys = await apiKeyFixtures(API_PORT, token, fixtures);
    }
    const plan = scenarios(fixtures);
    if (wanted('W1') || wanted('W2')) {
      plan.list.push(
        ...(await workflowScenarios({ port: API_PORT, token, ownerId: fixtures.ownerIds[0] })),
      );
    }
    s5Outcomes = plan.s5Outcomes;

    for (const scenario of plan.list.filter((s) => wanted(s.name))) {
      if (scenario.baseline && baseline) {
        const [apiRow, baseRow] = await measurePair(api, baseline, token, scenario);
        // Three decimals, compared as they are: 0.696 does not meet 0.7.
        apiRow.ratio =
          Math.round((apiRow.requestsPerSecond / baseRow.requestsPerSecond) * 1000) / 1000;
        rows.push(apiRow, baseRow);
      } else {
        rows.push(await measure('api', api, token, scenario));
      }
    }

    exports = await measureExports({
      port: API_PORT,
      token,
      pid: api.child.pid,
      databaseUrl: DATABASE_URL,
      wanted,
    });
    if (only?.has('instances')) {
      const args = { api, token, scenarios: plan.list, connections: CONNECTIONS, seconds: DURATION };
      rows.push(...(await runInstanceScenarios(args)));
    }
    if (wanted('WH')) {
      const s4 = plan.list.find((s) => s.name === 'S4');
      webhooks = await webhookScenarios({
        server: api,
        token,
        s4,
        measure,
        ownerId: fixtures.ownerIds[0],
      });
      rows.push(...webhooks.rows);
    }

    // The same API with the default LOG_LEVEL=info: one JSON line per request.
    if (!options['no-info']) {
      await stopServer(api);
      servers.splice(servers.indexOf(api), 1);
      const apiInfo = await startApi({ port: API_PORT, logLevel: 'info', name: 'api-info' });
      servers.push(apiInfo);
      const infoToken = await login(API_PORT);
      const withRatioTarget = (s) => TARGETS[s.name]?.ratio !== undefined;
      for (const scenario of plan.list.filter((s) => withRatioTarget(s) && wanted(s.name))) {
        const row = await measure('api log=info', apiInfo, infoToken, scenario);
        const warn = rows.find((r) => r.target === 'api' && r.scenario === scenario.name);
        row.vsWarn = Math.round((row.requestsPerSecond / warn.requestsPerSecond) * 100) / 100;
        const base = rows.find((r) => r.target === 'baseline' && r.scenario === scenario.name);
        if (base)
          row.ratio = Math.round((row.requestsPerSecond / base.requestsPerSecond) * 1000) / 1000;
        rows.push(row);
      }
    }
  } finally {
    for (const server of servers.reverse()) await stopServer(server);
    await removeBenchmarkRisks().catch((error) => log(`cleanup failed: ${error.message}`));
  }

  const checks = [...evaluate(rows), ...apiKeyChecks(rows)];
  const results = {
    date: new Date().toISOString(),
    git: gitInfo(),
    appDir: APP_DIR,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: fixtures?.pgVersion,
      postgresSettings: fixtures?.pgSettings,
      note: 'API, PostgreSQL and the load generator share the same cores',
    },
    settings: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      databasePoolSize: POOL_SIZE,
      // As the environment set them for API and baseline alike (unset: the app's defaults).
      databasePreparedStatements: process.env.DATABASE_PREPARED_STATEMENTS ?? 'default (true)',
      listCacheEntries: process.env.LIST_CACHE_ENTRIES ?? 'default (500)',
      apiLogLevel: 'warn',
      nodeEnv: 'production',
      searchWord: SEARCH_WORD,
      searchHits: fixtures?.searchHits,
      s2Hits: fixtures?.s2Hits,
      s6DeepPages: fixtures?.deepPages,
      seededCounts: COUNTS,
      rowsAtStart: fixtures?.counts,
      seedSecondsThisRun: seed.seededNow ? Math.round(seed.seconds) : 0,
    },
    s5: s5Outcomes,
    webhookDelay: webhooks?.delay,
    scenarios: rows,
    exports,
    targets: checks,
    runSeconds: Math.round((Date.now() - started) / 1000),
  };
  ensureOutDir();
  writeFileSync(resolve(options.out), `${JSON.stringify(results, null, 2)}\n`);
  printTable(rows, checks);
  log(`wrote ${relative(process.cwd(), resolve(options.out))} in ${results.runSeconds} s`);
}

main().catch((error) => {
  log(`benchmark failed: ${error.stack ?? error}`);
  process.exit(1);
});
