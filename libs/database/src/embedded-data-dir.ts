import { Environment } from '@rct/config';
import { resolve } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

/** Where the embedded PostgreSQL keeps its cluster. */
export function embeddedDataDir(env: Pick<Environment, 'DATA_DIR'>): string {
  return resolve(env.DATA_DIR, 'pglite');
}

/**
 * For every entry point (server, CLIs, seeds), before anything boots: with no DATABASE_URL,
 * claims the embedded data directory, or stops the process with one line naming the holder.
 */
export function claimEmbeddedDataDirOrExit(env: Environment): void {
  if (env.DATABASE_URL) return;
  try {
    lockDataDir(embeddedDataDir(env));
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
