#!/usr/bin/env node
// CPU per request of S1, W1 and W2 (issue 21), from tick counts of the API process and of its
// PostgreSQL backends: steadier than p99 on a shared machine. The three run in turn, a few
// connections each, for several rounds, so a neighbour's load weighs on all of them alike.
//
//   npm run build && node bench/workflow-cpu.mjs [--rounds 4] [--requests 2000]
//   BENCH_APP_DIR=/path/to/copy node bench/workflow-cpu.mjs   (another build, same database)
//
// Needs a seeded database (npm run bench:seed); creates one risk with 50 changes, as W1 does.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  DATABASE_URL,
  log,
  processTicks,
  startApi,
  stopServer,
} from './lib.mjs';
import { workflowScenarios } from './scenarios-workflows.mjs';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '4' },
  },
});
const PORT = Number(process.env.BENCH_API_PORT ?? 3100);
const TICKS_PER_MS = 0.1;

async function backendTicks(client) {
  const { rows } = await client.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return new Map(rows.map((row) => [row.pid, processTicks(row.pid)]));
}

function load(token, requests, amount) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}`,
        connections: Number(options.connections),
        amount,
        headers: { authorization: `Bearer ${token}` },
        requests,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function main() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const api = await startApi({ port: PORT });
  try {
    const signIn = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const { accessToken: token, user } = await signIn.json();
    const riskIds = (await client.query('SELECT id FROM risks ORDER BY random() LIMIT 2000')).rows;
    const workflows = await workflowScenarios({ port: PORT, token, ownerId: user.id });
    const plan = [
      {
        name: 'S1',
        requests: riskIds.map(({ id }) => ({ method: 'GET', path: `/api/v1/risks/${id}` })),
      },
      ...workflows.map(({ name, requests }) => ({ name, requests })),
    ];
    for (const { requests } of plan) await load(token, requests, 300);
    const totals = new Map(
      plan.map(({ name }) => [name, { api: 0, pg: 0, requests: 0, failed: 0 }]),
    );
    for (let round = 1; round <= Number(options.rounds); round += 1) {
      for (const { name, requests } of plan) {
        const apiBefore = processTicks(api.child.pid);
        const pgBefore = await backendTicks(client);
        const result = await load(token, requests, Number(options.requests));
        const apiAfter = processTicks(api.child.pid);
        const pgAfter = await backendTicks(client);
        const total = totals.get(name);
        total.api += apiAfter - apiBefore;
        for (const [pid, ticks] of pgAfter) total.pg += ticks - (pgBefore.get(pid) ?? 0);
        total.requests += result.requests.total;
        total.failed += result.non2xx + result.errors;
      }
      log(`round ${round} of ${options.rounds} done`);
    }
    const perRequest = ({ api: apiTicks, pg: pgTicks, requests }) => ({
      api: apiTicks / TICKS_PER_MS / requests,
      pg: pgTicks / TICKS_PER_MS / requests,
    });
    const s1 = perRequest(totals.get('S1'));
    for (const [name, total] of totals) {
      const cost = perRequest(total);
      const ratio =
        name === 'S1'
          ? ''
          : `  vs S1: api ${(cost.api / s1.api).toFixed(2)}x, pg ${(cost.pg / s1.pg).toFixed(2)}x`;
      process.stdout.write(
        `${name}: ${total.requests} requests (${total.failed} failed), CPU ms/request api ${cost.api.toFixed(3)}, pg ${cost.pg.toFixed(3)}${ratio}\n`,
      );
    }
  } finally {
    await stopServer(api);
    await client.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
