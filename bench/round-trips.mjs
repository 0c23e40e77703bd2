#!/usr/bin/env node
// What a write transaction's round trips cost, apart from everything else the API does: one
// connection runs S5-shaped transactions (lock the task, update it, queue its audit event) one
// after another, three ways, and prints wall time and the CPU this process and its PostgreSQL
// backend spent per transaction:
//   apart     BEGIN, the three statements and COMMIT: five round trips
//   begin     BEGIN with the first statement (beginWithFirstQuery): four
//   both      and COMMIT with the last (ThenCommitQuery): three, as the API sends them
//
//   npm run bench:round-trips          against the seeded benchmark database (npm run bench:seed)
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { beginWithFirstQuery } from '../dist/libs/database/src/begin-with-first-query.js';
import { ThenCommitQuery } from '../dist/libs/database/src/commit-with-last-query.js';
import { send } from '../dist/libs/database/src/pg-query.js';
import { DATABASE_URL, log } from './lib.mjs';

const TRANSACTIONS = 1_500;
const WARMUP = 200;
const ROUNDS = 3;

const LOCK = { name: 'rt_lock', text: 'SELECT * FROM tasks WHERE id = $1 FOR UPDATE' };
const UPDATE = {
  name: 'rt_update',
  text: 'UPDATE tasks SET updated_at = now(), version = version + 1 WHERE id = $1 RETURNING *',
};
const QUEUE = {
  name: 'rt_queue',
  text: `INSERT INTO audit_event_queue (id, occurred_at, actor_id, actor_email, actor_role,
    action, outcome, entity_type, entity_id, method, route, path, status_code, request_id, ip,
    user_agent, changes, hash_head, hash_tail)
    VALUES (gen_random_uuid(), now(), NULL, 'bench@example.com', 'admin', 'update', 'success',
    'task', $1, 'PATCH', '/api/v1/tasks/:id', '/api/v1/tasks/' || $1, 200, 'round-trips',
    '127.0.0.1', 'bench', '{}', '{"round-trips":"', '"}')`,
};

const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();

/** CPU milliseconds the connection's backend has used (utime + stime, 10 ms ticks). */
function backendCpuMs() {
  const fields = readFileSync(`/proc/${client.processID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function transaction(id, way) {
  const begin = way === 'apart' ? undefined : beginWithFirstQuery(client, 'BEGIN');
  if (!begin) await client.query('BEGIN');
  await client.query({ ...LOCK, values: [id] });
  await client.query({ ...UPDATE, values: [id] });
  if (way === 'both') {
    await send(client, new ThenCommitQuery({ ...QUEUE, values: [id] }));
  } else {
    await client.query({ ...QUEUE, values: [id] });
    await client.query('COMMIT');
  }
}

try {
  const ids = (await client.query('SELECT id::text FROM tasks ORDER BY id LIMIT 2000')).rows;
  if (ids.length === 0) throw new Error('no tasks: run `npm run bench:seed` first');
  log(`${TRANSACTIONS} transactions per way and round, on ${DATABASE_URL}`);
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const way of ['apart', 'begin', 'both']) {
      for (let i = 0; i < WARMUP; i += 1) await transaction(ids[i % ids.length].id, way);
      const cpu = process.cpuUsage();
      const backend = backendCpuMs();
      const started = performance.now();
      for (let i = 0; i < TRANSACTIONS; i += 1) await transaction(ids[i % ids.length].id, way);
      const wall = (performance.now() - started) / TRANSACTIONS;
      const used = process.cpuUsage(cpu);
      const node = (used.user + used.system) / 1000 / TRANSACTIONS;
      const postgres = (backendCpuMs() - backend) / TRANSACTIONS;
      log(
        `round ${round} ${way.padEnd(5)} ${wall.toFixed(3)} ms/tx wall, ` +
          `node ${node.toFixed(3)} ms/tx, postgres ${postgres.toFixed(3)} ms/tx`,
      );
    }
  }
} finally {
  await client.end();
}
