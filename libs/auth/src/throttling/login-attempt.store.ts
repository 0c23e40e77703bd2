export interface AttemptWindow {
  count: number;
  /** Epoch milliseconds at which the window (and its count) ends. */
  resetAt: number;
}

/**
 * Counts sign-in attempts per key in fixed windows. The default keeps them in memory; with
 * several instances, provide an implementation over a shared store (Redis INCR + PEXPIRE,
 * DECR). increment must be atomic: its answer is what admits or refuses an attempt.
 */
export abstract class LoginAttemptStore {
  /** Counts one, opening a window of windowMs if none is live; answers the window after it. */
  abstract increment(key: string, windowMs: number): Promise<AttemptWindow>;
  /** Takes one back from the live window, never below zero; without one, does nothing. */
  abstract decrement(key: string): Promise<void>;
  abstract reset(key: string): Promise<void>;
}

export class InMemoryLoginAttemptStore extends LoginAttemptStore {
  private readonly windows = new Map<string, AttemptWindow>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  increment(key: string, windowMs: number): Promise<AttemptWindow> {
    this.evictExpired();
    const current = this.live(key) ?? { count: 0, resetAt: this.now() + windowMs };
    const next = { count: current.count + 1, resetAt: current.resetAt };
    this.windows.set(key, next);
    return Promise.resolve(next);
  }

  decrement(key: string): Promise<void> {
    const current = this.live(key);
    if (current && current.count > 0) {
      this.windows.set(key, { count: current.count - 1, resetAt: current.resetAt });
    }
    return Promise.resolve();
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private live(key: string): AttemptWindow | undefined {
    const window = this.windows.get(key);
    if (window && window.resetAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Bounds memory under a spray of distinct e-mails or addresses. */
  private evictExpired(): void {
    if (this.windows.size < 10_000) return;
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
