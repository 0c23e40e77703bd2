import type Redis from 'ioredis';
import { AttemptWindow, LoginAttemptStore } from './login-attempt.store';

const PREFIX = 'rct:attempts:';

/** INCR, and open the window (PEXPIRE) when the key is new; answers the count and its PTTL. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/** DECR a live window (which keeps its expiry), never below zero. */
const DECREMENT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/**
 * The attempt counts in Redis, shared by every instance: one key per counter, expiring with
 * its window. Each operation is one script, so concurrent attempts on several instances are
 * counted exactly as they are on one.
 */
export class RedisLoginAttemptStore extends LoginAttemptStore {
  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  async increment(key: string, windowMs: number): Promise<AttemptWindow> {
    const [count, ttl] = (await this.redis.eval(INCREMENT, 1, PREFIX + key, windowMs)) as [
      number,
      number,
    ];
    return { count, resetAt: this.now() + ttl };
  }

  async decrement(key: string): Promise<void> {
    await this.redis.eval(DECREMENT, 1, PREFIX + key);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(PREFIX + key);
  }
}
