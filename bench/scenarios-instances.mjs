// Several instances (issue 25): S1 and S4 against one API and against two APIs sharing the
// load generator's connections, and S1's latency while 10,000 anonymous requests arrive at
// once, with the audit table's row count before and after that flood.
//   npm run bench -- --only S1,S4,instances --no-info
import autocannon from 'autocannon';
import pg from 'pg';
import { DATABASE_URL, log, startApi, stopServer } from './lib.mjs';

const SECOND_PORT = Number(process.env.BENCH_SECOND_API_PORT ?? 3153);
const FLOOD_REQUESTS = 10_000;
const FLOOD_CONNECTIONS = 1_000;

function percentile(sorted, fraction) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function run(options) {
  return new Promise((resolveRun, rejectRun) => {
    const latencies = [];
    const instance = autocannon(options, (error, result) =>
      error ? rejectRun(error) : resolveRun({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

/** One scenario over `ports`, the connections split evenly between them. */
async function split(ports, token, scenario, seconds, connections) {
  const runs = await Promise.all(
    ports.map((port) =>
      run({
        url: `http://127.0.0.1:${port}`,
        connections: Math.max(1, Math.floor(connections / ports.length)),
        duration: seconds,
        timeout: 10,
        headers: { authorization: `Bearer ${token}` },
        requests: scenario.requests,
      }),
    ),
  );
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const total = runs.reduce((n, r) => n + r.result.requests.total, 0);
  const non2xx = runs.reduce((n, r) => n + r.result.non2xx, 0);
  const errors = runs.reduce((n, r) => n + r.result.errors + r.result.timeouts, 0);
  return {
    requestsPerSecond: Math.round(total / seconds),
    latencyMs: {
      p50: Math.round(percentile(latencies, 0.5)),
      p99: Math.round(percentile(latencies, 0.99)),
    },
    non2xx,
    errors,
    timeouts: 0,
  };
}

async function auditRows() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM audit_events');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * Rows in run.mjs's shape (target, scenario, requestsPerSecond, latencyMs, non2xx, errors):
 * `1 instance` / `2 instances` for S1 and S4, then `S1 during flood`.
 */
export async function runInstanceScenarios({ api, token, scenarios, connections, seconds }) {
  const rows = [];
  const second = await startApi({ port: SECOND_PORT, name: 'api-2' });
  try {
    for (const scenario of scenarios.filter((s) => s.name === 'S1' || s.name === 'S4')) {
      for (const ports of [[api.port], [api.port, SECOND_PORT], [api.port]]) {
        await split(ports, token, scenario, 3, connections);
        await scenario.afterRun?.(api.port, token);
        const row = await split(ports, token, scenario, seconds, connections);
        await scenario.afterRun?.(api.port, token);
        const target = `${ports.length} instance${ports.length > 1 ? 's' : ''}`;
        log(`${scenario.name} ${target}: ${row.requestsPerSecond} req/s p99 ${row.latencyMs.p99} ms`);
        rows.push({ target, scenario: scenario.name, title: scenario.title, ...row });
      }
    }

    const s1 = scenarios.find((s) => s.name === 'S1');
    if (s1) {
      const before = await auditRows();
      const measuring = split([api.port], token, s1, seconds, connections);
      await new Promise((done) => setTimeout(done, 1_000));
      const statuses = {};
      const flood = await new Promise((resolveFlood, rejectFlood) => {
        const instance = autocannon(
          {
            url: `http://127.0.0.1:${api.port}/api/v1/risks`,
            connections: FLOOD_CONNECTIONS,
            amount: FLOOD_REQUESTS,
            timeout: 30,
          },
          (error, result) => (error ? rejectFlood(error) : resolveFlood(result)),
        );
        instance.on('response', (_client, status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
        });
      });
      const row = await measuring;
      const after = await auditRows();
      log(
        `S1 during a flood of ${FLOOD_REQUESTS} anonymous requests: p99 ${row.latencyMs.p99} ms; ` +
          `flood answered ${JSON.stringify(statuses)} in ${flood.duration} s; audit rows ${before} -> ${after}`,
      );
      rows.push({
        target: 'during flood',
        scenario: 'S1',
        title: `${s1.title} while ${FLOOD_REQUESTS} anonymous requests arrive at once`,
        ...row,
        flood: { statuses, seconds: flood.duration, auditRowsBefore: before, auditRowsAfter: after },
      });
    }
  } finally {
    await stopServer(second);
  }
  return rows;
}
