import { ChainEvent, ChainVerifier, CheckpointClaim } from '@rct/audit';
import { ed25519KeyId, parseEd25519PublicKey } from '@rct/common';
import { KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

/**
 * `npm run audit:verify -- --events <export.ndjson> --checkpoints <file> --public-key <pem>`:
 * checks an audit export (GET /audit-events/export) against signed checkpoints and the public
 * keys the auditor trusts, with no server and no database. Exit 0: valid; 1: something broke
 * (each problem printed); 2: the command itself is wrong.
 */
const USAGE =
  'usage: npm run audit:verify -- --events <export.ndjson> --checkpoints <file> --public-key <pem> [--public-key <pem> ...]';

function fail(message: string, code: number): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(code);
}

/**
 * Checkpoints as GET /audit-events/checkpoints answers them (a page, or its `items`), a JSON
 * array, or one checkpoint per line.
 */
function readCheckpoints(path: string): CheckpointClaim[] {
  const text = readFileSync(path, 'utf8').trim();
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as CheckpointClaim[] | { items: CheckpointClaim[] };
    return Array.isArray(parsed) ? parsed : parsed.items;
  } catch {
    return text.split('\n').map((line) => JSON.parse(line) as CheckpointClaim);
  }
}

function readKeys(paths: string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const path of paths) {
    try {
      const key = parseEd25519PublicKey(readFileSync(path, 'utf8'));
      keys.set(ed25519KeyId(key), key);
    } catch (error) {
      fail(`${path}: ${error instanceof Error ? error.message : String(error)}`, 2);
    }
  }
  return keys;
}

/** An exported line as the hash saw it: occurredAt back to a Date. */
function toChainEvent(line: string, lineNumber: number): ChainEvent {
  try {
    const event = JSON.parse(line) as ChainEvent & { occurredAt: string };
    return { ...event, occurredAt: new Date(event.occurredAt) };
  } catch {
    fail(`line ${lineNumber} of the export is not JSON`, 1);
  }
}

async function main(): Promise<void> {
  let values: { events?: string; checkpoints?: string; 'public-key'?: string[] };
  try {
    ({ values } = parseArgs({
      options: {
        events: { type: 'string' },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
  if (!values.events || !values.checkpoints || !values['public-key']?.length) fail(USAGE, 2);

  const keys = readKeys(values['public-key']);
  const checkpoints = readCheckpoints(values.checkpoints);
  const verifier = new ChainVerifier(checkpoints, keys);
  const lines = createInterface({ input: createReadStream(values.events), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim()) verifier.accept(toChainEvent(line, lineNumber));
  }
  const verdict = verifier.finish();
  const summary = `${verdict.checked} events, ${verdict.checkpointsChecked} checkpoints checked`;
  if (verdict.valid) {
    process.stdout.write(`valid: ${summary}\n`);
    return;
  }
  process.stdout.write(`INVALID: ${summary}\n`);
  for (const problem of verdict.problems) process.stdout.write(`  ${problem}\n`);
  process.exitCode = 1;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 2));
