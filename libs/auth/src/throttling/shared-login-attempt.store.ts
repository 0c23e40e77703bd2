import { SharedCounters } from '@rct/counters';
import { AttemptWindow, InMemoryLoginAttemptStore, LoginAttemptStore } from './login-attempt.store';
import { RedisLoginAttemptStore } from './redis-login-attempt.store';

/**
 * Attempt counts in Redis while it answers, in this instance's memory while it does not
 * (SharedCounters decides and logs the switch).
 */
export class SharedLoginAttemptStore extends LoginAttemptStore {
  constructor(
    private readonly counters: SharedCounters,
    private readonly shared: LoginAttemptStore,
    private readonly local: LoginAttemptStore = new InMemoryLoginAttemptStore(),
  ) {
    super();
  }

  /** The store for this process: shared when REDIS_URL is set, else in memory. */
  static fromCounters(counters: SharedCounters): LoginAttemptStore {
    return counters.redis
      ? new SharedLoginAttemptStore(counters, new RedisLoginAttemptStore(counters.redis))
      : new InMemoryLoginAttemptStore();
  }

  increment(key: string, windowMs: number): Promise<AttemptWindow> {
    return this.counters.run(
      () => this.shared.increment(key, windowMs),
      () => this.local.increment(key, windowMs),
    );
  }

  decrement(key: string): Promise<void> {
    return this.counters.run(
      () => this.shared.decrement(key),
      () => this.local.decrement(key),
    );
  }

  reset(key: string): Promise<void> {
    return this.counters.run(
      () => this.shared.reset(key),
      () => this.local.reset(key),
    );
  }
}
