#!/usr/bin/env node
// The audit verification scenario: how fast the chain verifier checks the seeded 1M-event chain,
// against a floor of reading the same rows with `COPY audit_events TO STDOUT` and taking the
// SHA-256 of each, in the same run. Read-only: it runs the built ChainVerifier over the same
// read the API's /audit-events/verify makes (one REPEATABLE READ snapshot, the built chain-rows
// COPY and the built COPY text reader), so the seeded database needs no migration of this
// branch.
//
//   npm run build && npm run bench:audit-verify [-- --tail 10000]
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { APP_DIR, DATABASE_URL, log } from './lib.mjs';

const { values: options } = parseArgs({
  options: { tail: { type: 'string', default: '10000' } },
});
const TAIL = BigInt(options.tail);

const built = join(APP_DIR, 'dist', 'libs', 'audit', 'src', 'checkpoints');
if (!existsSync(join(built, 'chain-verifier.js'))) {
  throw new Error(`${built}/chain-verifier.js is missing: run npm run build first`);
}
const require = createRequire(import.meta.url);
const { ChainVerifier } = require(join(built, 'chain-verifier.js'));
const { signCheckpoint } = require(join(built, 'checkpoint-signature.js'));
const { chainCopySql, chainEventOf } = require(join(built, 'chain-rows.js'));
const { copyTextRowBatches } = require(
  join(APP_DIR, 'dist', 'libs', 'database', 'src', 'copy', 'copy-text-rows.js'),
);
const { ed25519KeyId } = require(join(APP_DIR, 'dist', 'libs', 'common', 'src', 'index.js'));

/** The floor: every row through COPY (psql), one SHA-256 per row. */
async function copyAndHash() {
  const started = performance.now();
  const child = spawn('psql', [DATABASE_URL, '-Atqc', 'COPY audit_events TO STDOUT'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let rows = 0;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    createHash('sha256').update(line, 'utf8').digest('hex');
    rows += 1;
  }
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`psql exited with ${code}`);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** What /audit-events/verify does: one snapshot, one COPY, each event hashed as it arrives. */
async function verify(client, fromSeq, start) {
  const keys = new Map();
  if (start) keys.set(start.keyId, start.publicKey);
  const started = performance.now();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const verifier = new ChainVerifier(start ? [start] : [], keys, start);
    const copy = client.query(copyTo(chainCopySql(fromSeq)));
    for await (const rows of copyTextRowBatches(copy)) {
      for (const row of rows) verifier.accept(chainEventOf(row));
    }
    const verdict = verifier.finish();
    return { verdict, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.query('ROLLBACK');
  }
}

/** A checkpoint signed here, with a throwaway key, at `seq`: the start of an incremental check. */
async function checkpointAt(client, seq) {
  const { rows } = await client.query('SELECT seq::text, hash FROM audit_events WHERE seq = $1', [
    seq,
  ]);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = ed25519KeyId(publicKey);
  return {
    seq: rows[0].seq,
    hash: rows[0].hash,
    keyId,
    publicKey,
    signature: signCheckpoint(privateKey, rows[0].seq, rows[0].hash),
  };
}

const rate = (rows, seconds) => Math.round(rows / seconds);

async function main() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT max(seq)::text AS head FROM audit_events');
    const head = BigInt(rows[0].head);
    log(`audit_events head: seq ${head}; COPY + SHA-256 first`);
    const copy = await copyAndHash();
    log(`COPY + SHA-256: ${copy.rows} rows in ${copy.seconds.toFixed(1)} s`);
    const full = await verify(client, '0');
    log(`full verification: ${full.verdict.checked} events in ${full.seconds.toFixed(1)} s`);
    const start = await checkpointAt(client, String(head - TAIL + 1n));
    const tail = await verify(client, start.seq, start);
    const result = {
      date: new Date().toISOString(),
      events: full.verdict.checked,
      valid: full.verdict.valid,
      copySha256: { seconds: copy.seconds, rowsPerSecond: rate(copy.rows, copy.seconds) },
      verify: { seconds: full.seconds, eventsPerSecond: rate(full.verdict.checked, full.seconds) },
      ratio:
        Math.round((full.verdict.checked / full.seconds / (copy.rows / copy.seconds)) * 1000) /
        1000,
      incremental: {
        fromSeq: start.seq,
        events: tail.verdict.checked,
        valid: tail.verdict.valid,
        seconds: tail.seconds,
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  log(`audit-verify bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
