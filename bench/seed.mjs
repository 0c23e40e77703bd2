#!/usr/bin/env node
// Creates and fills the benchmark database (default rct_bench) once; later runs reuse it.
//
//   node bench/seed.mjs            create if missing, migrate, seed if not seeded yet
//   node bench/seed.mjs --reset    drop the database and start over
//
// The audit trail is append-only (triggers refuse DELETE and TRUNCATE), so the only way to
// re-seed is to drop the database: --reset does that.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  APP_DIR,
  BENCH_DIR,
  COUNTS,
  DATABASE_URL,
  databaseName,
  log,
  startApi,
  stopServer,
  withDatabase,
} from './lib.mjs';

const SEED = 0.42;
const MIGRATE_PORT = Number(process.env.BENCH_MIGRATE_PORT ?? 3199);

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'rct-bench-seed' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(reset) {
  const name = databaseName(DATABASE_URL);
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unexpected database name ${name}`);
  await withClient(withDatabase(DATABASE_URL, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount && reset) {
      log(`dropping database ${name} (--reset)`);
      await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    if (!rowCount || reset) {
      log(`creating database ${name}`);
      await client.query(`CREATE DATABASE "${name}"`);
    }
  });
}

/** Starting the built API with MIGRATIONS_RUN=true applies pending migrations and creates the admin. */
async function migrate() {
  const started = Date.now();
  const api = await startApi({ port: MIGRATE_PORT, migrations: true, name: 'api-migrate' });
  await stopServer(api);
  log(`migrations and first admin checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function state(client) {
  const count = async (table) =>
    Number((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  const marker = await client.query(`SELECT to_regclass('bench_seed') IS NOT NULL AS present`);
  const seeded = marker.rows[0].present
    ? (await client.query('SELECT * FROM bench_seed ORDER BY seeded_at DESC LIMIT 1')).rows[0]
    : undefined;
  return {
    seeded,
    users: await count('users'),
    risks: await count('risks'),
    controls: await count('controls'),
    tasks: await count('tasks'),
    audit: await count('audit_events'),
  };
}

function matches(seeded) {
  return (
    seeded &&
    seeded.risks === COUNTS.risks &&
    seeded.controls === COUNTS.controls &&
    seeded.tasks === COUNTS.tasks &&
    seeded.audit_events === COUNTS.audit
  );
}

export async function ensureSeeded({ reset = false } = {}) {
  const started = Date.now();
  await ensureDatabase(reset);
  await migrate();
  return withClient(DATABASE_URL, async (client) => {
    const before = await state(client);
    if (before.seeded) {
      // Runs add rows (S4 risks, audit events), so "at least" the seeded counts.
      const enough =
        before.risks >= COUNTS.risks &&
        before.controls >= COUNTS.controls &&
        before.tasks >= COUNTS.tasks &&
        before.audit >= COUNTS.audit;
      if (matches(before.seeded) && enough) {
        log(
          `already seeded on ${before.seeded.seeded_at.toISOString()}: ${before.risks} risks, ` +
            `${before.controls} controls, ${before.tasks} tasks, ${before.audit} audit events`,
        );
        return { seededNow: false, seconds: 0, counts: before };
      }
      throw new Error(
        `${databaseName(DATABASE_URL)} was seeded with other counts (or lost rows); ` +
          'run `node bench/seed.mjs --reset` to start over',
      );
    }
    if (before.risks > 0 || before.controls > 0 || before.tasks > 0 || before.users > 1) {
      throw new Error(
        `${databaseName(DATABASE_URL)} holds data that the benchmark did not seed; refusing to ` +
          'touch it. Point BENCH_DATABASE_URL at a database of its own, or use --reset.',
      );
    }
    log(
      `seeding ${COUNTS.users} users, ${COUNTS.risks} risks, ${COUNTS.controls} controls, ` +
        `${COUNTS.tasks} tasks, ${COUNTS.audit} audit events (one transaction)`,
    );
    const sql = readFileSync(join(BENCH_DIR, 'seed.sql'), 'utf8')
      .replaceAll('{{USERS}}', String(COUNTS.users))
      .replaceAll('{{RISKS}}', String(COUNTS.risks))
      .replaceAll('{{CONTROLS}}', String(COUNTS.controls))
      .replaceAll('{{TASKS}}', String(COUNTS.tasks))
      .replaceAll('{{AUDIT}}', String(COUNTS.audit))
      .replaceAll('{{SEED}}', String(SEED));
    const seedStarted = Date.now();
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    log(`inserted in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; vacuum analyze`);
    // Visibility map and statistics as a long-lived database would have them.
    for (const table of ['users', 'risks', 'controls', 'tasks', 'audit_events']) {
      await client.query(`VACUUM (ANALYZE) ${table}`);
    }
    const after = await state(client);
    const seconds = (Date.now() - started) / 1000;
    log(`seeded in ${seconds.toFixed(1)} s`);
    return { seededNow: true, seconds, counts: after };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  log(`database ${DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}, API from ${APP_DIR}`);
  ensureSeeded({ reset: process.argv.includes('--reset') })
    .then(() => process.exit(0))
    .catch((error) => {
      log(`seeding failed: ${error.stack ?? error}`);
      process.exit(1);
    });
}
