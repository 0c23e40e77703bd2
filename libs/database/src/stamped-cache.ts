import { LruMap } from '@rct/common';

interface Entry<T> {
  stamp: string;
  takenAt: number;
  value: Promise<T>;
}

export interface StampedCacheOptions {
  /** Values kept at most; 0 keeps none. */
  capacity: number;
  /** How long a value may be served after it was read, in ms; unset: as long as its stamp. */
  maxAgeMs?: number;
  /** Milliseconds of a monotonic clock (tests pass their own). */
  now?: () => number;
}

/**
 * Values kept under a stamp (what their source looked like when they were read), and for
 * values that also depend on the clock, no longer than `maxAgeMs`. Readers who arrive while a
 * value is being read under the same stamp wait for that read instead of starting their own,
 * so a miss under load costs one read, not one per waiting request. A failed read is forgotten.
 */
export class StampedCache<T> {
  private readonly entries: LruMap<string, Entry<T>>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: StampedCacheOptions) {
    this.entries = new LruMap(options.capacity);
    this.maxAgeMs = options.maxAgeMs ?? Infinity;
    this.now = options.now ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.entries.capacity > 0;
  }

  /** The value kept for `key` under `stamp` if still young enough, else `read()`'s, then kept. */
  load(key: string, stamp: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry?.stamp === stamp && now - entry.takenAt <= this.maxAgeMs) return entry.value;
    const value = read();
    const fresh = { stamp, takenAt: now, value };
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }
}
