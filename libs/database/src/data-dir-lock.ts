import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Who holds an embedded data directory, as written in its lock file. */
interface LockHolder {
  pid: number;
  command: string;
}

/** Another live process holds the embedded database; opening it too would corrupt it. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${dataDir} is in use by process ${holder.pid} (${holder.command}); ` +
        'stop it first, or set DATA_DIR to another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, command: String(parsed.command ?? 'unknown command') }
      : undefined;
  } catch {
    // Missing, or half-written by a holder that died: nobody holds it.
    return undefined;
  }
}

function release(lockFile: string): void {
  if (!held.delete(lockFile)) return;
  if (readHolder(lockFile)?.pid !== process.pid) return;
  try {
    unlinkSync(lockFile);
  } catch {
    // Already gone: nothing to release.
  }
}

function releaseAll(): void {
  for (const lockFile of [...held]) release(lockFile);
}

/**
 * Takes the lock file `<dataDir>.lock` for this process, or throws naming the live holder.
 * PGlite has no lock of its own and aborts, or worse, when two processes open one cluster. A lock
 * whose holder is dead (killed, crashed, an earlier container with the same pid) is taken over.
 * It is released when this process exits, however it exits short of SIGKILL.
 */
export function lockDataDir(dataDir: string): void {
  const lockFile = `${dataDir}.lock`;
  if (held.has(lockFile)) return;
  mkdirSync(dirname(lockFile), { recursive: true });
  const me: LockHolder = { pid: process.pid, command: process.argv.slice(1).join(' ') };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      // 'wx' fails if the file exists, so of two processes starting together only one wins.
      writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' });
      if (held.size === 0) process.once('exit', releaseAll);
      held.add(lockFile);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockFile);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    try {
      unlinkSync(lockFile);
    } catch {
      // Another process took it over first; the next attempt sees who.
    }
  }
  throw new DataDirLockedError(dataDir, readHolder(lockFile) ?? { pid: 0, command: 'unknown' });
}

/** Releases the lock early, when the embedded database closes before the process ends. */
export function unlockDataDir(dataDir: string): void {
  release(`${dataDir}.lock`);
}
