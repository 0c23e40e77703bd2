// Reports and export (issue 22). R1/R2: the summary and the heat map, API against the baseline
// running the same statements (bench/baseline-reports.mjs), run with --connections 10.
// E1/E2: the whole register out through the API's export, in rows per second against
// PostgreSQL's own COPY of the same query in the same run, with the API's resident memory
// sampled throughout.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { log } from './lib.mjs';

export const REPORT_TARGETS = {
  R1: { ratio: 0.8, p99: 250 },
  R2: { ratio: 0.8, p99: 250 },
};

export function reportScenarios() {
  return [
    {
      name: 'R1',
      title: 'GET /reports/summary',
      baseline: true,
      requests: [{ method: 'GET', path: '/api/v1/reports/summary' }],
    },
    {
      name: 'R2',
      title: 'GET /reports/risk-heatmap?basis=residual',
      baseline: true,
      requests: [{ method: 'GET', path: '/api/v1/reports/risk-heatmap?basis=residual' }],
    },
  ];
}

/** The statements the exports run (the list's default order), for COPY to run as well. */
const RISK_COLUMNS =
  'id, created_at, updated_at, version, title, description, category, owner_id, likelihood, ' +
  'impact, inherent_score, residual_likelihood, residual_impact, residual_score, severity, ' +
  'residual_severity, status, treatment, next_review_at';
const EXPORTS = [
  {
    name: 'E1',
    title: 'GET /risks/export?format=csv (all risks)',
    path: '/api/v1/risks/export?format=csv',
    headerLines: 1,
    copy: `SELECT ${RISK_COLUMNS} FROM risks risk ORDER BY risk.inherent_score DESC NULLS LAST, risk.id ASC`,
    targets: { vsCopy: 0.5, rssGrowthMiB: 64 },
  },
  {
    name: 'E2',
    title: 'GET /audit-events/export?format=ndjson (whole trail)',
    path: '/api/v1/audit-events/export?format=ndjson',
    headerLines: 0,
    copy: 'SELECT * FROM audit_events event ORDER BY event.seq ASC',
    targets: { vsCopy: 0.5, rssGrowthMiB: 64 },
  },
];

function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** Seconds PostgreSQL's COPY takes to send the query's rows as CSV (to psql, into /dev/null). */
function timeCopy(databaseUrl, query) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      'psql',
      [databaseUrl, '-X', '-q', '-c', `COPY (${query}) TO STDOUT WITH CSV`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(Number(process.hrtime.bigint() - started) / 1e9)
        : reject(new Error(`psql COPY exited with ${code}`)),
    );
  });
}

/** Reads the whole export as fast as the client can, counting lines and sampling RSS. */
async function timeExport(port, token, path, pid) {
  const rssBefore = rssMiB(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 50);
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, lines, bytes, rssBeforeMiB: rssBefore, rssPeakMiB: rssPeak };
  } finally {
    clearInterval(sampler);
  }
}

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Times each export is read: the first after the API's start is cold (code not yet compiled). */
const EXPORT_RUNS = 3;

/**
 * E1 and E2, each: COPY, the API export EXPORT_RUNS times, COPY again (a drifting machine
 * weighs on both). The ratio takes the median API run; the cold first one is reported too.
 */
export async function measureExports({ port, token, pid, databaseUrl, wanted }) {
  const results = [];
  for (const scenario of EXPORTS.filter((s) => wanted(s.name))) {
    const copyFirst = await timeCopy(databaseUrl, scenario.copy);
    const runs = [];
    for (let run = 0; run < EXPORT_RUNS; run += 1) {
      runs.push(await timeExport(port, token, scenario.path, pid));
    }
    const copySecond = await timeCopy(databaseUrl, scenario.copy);
    const api = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(EXPORT_RUNS / 2)];
    const rssGrowth = Math.max(...runs.map((run) => run.rssPeakMiB - run.rssBeforeMiB));
    const rows = api.lines - scenario.headerLines;
    const copySeconds = (copyFirst + copySecond) / 2;
    const result = {
      scenario: scenario.name,
      title: scenario.title,
      rows,
      megabytes: round(api.bytes / 2 ** 20, 1),
      apiSeconds: round(api.seconds),
      apiRunSeconds: runs.map((run) => round(run.seconds)),
      apiRowsPerSecond: Math.round(rows / api.seconds),
      copySeconds: round(copySeconds),
      copyRowsPerSecond: Math.round(rows / copySeconds),
      vsCopy: round(copySeconds / api.seconds, 3),
      coldVsCopy: round(copySeconds / runs[0].seconds, 3),
      rssBeforeMiB: round(runs[0].rssBeforeMiB, 1),
      rssPeakMiB: round(Math.max(...runs.map((run) => run.rssPeakMiB)), 1),
      rssGrowthMiB: round(rssGrowth, 1),
      targets: scenario.targets,
    };
    result.met = {
      vsCopy: result.vsCopy >= scenario.targets.vsCopy,
      rssGrowth: result.rssGrowthMiB <= scenario.targets.rssGrowthMiB,
    };
    log(
      `export ${scenario.name}: ${rows} rows (${result.megabytes} MB) in ${result.apiSeconds} s = ` +
        `${result.apiRowsPerSecond} rows/s (runs ${result.apiRunSeconds.join(', ')} s); ` +
        `COPY ${result.copySeconds} s = ${result.copyRowsPerSecond} rows/s; ratio ${result.vsCopy} ` +
        `(cold first run ${result.coldVsCopy}); API RSS ${result.rssBeforeMiB} -> peak ${result.rssPeakMiB} MiB (+${result.rssGrowthMiB})`,
    );
    results.push(result);
  }
  return results;
}
