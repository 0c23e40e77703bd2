import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { SharedCounters } from './shared-counters';

/**
 * The rate limits' storage: @nest-lab/throttler-storage-redis while Redis answers, the
 * throttler's own in-memory storage while it does not (SharedCounters decides).
 */
@Injectable()
export class FallbackThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly memory = new ThrottlerStorageService();
  private readonly shared?: ThrottlerStorageRedisService;

  constructor(private readonly counters: SharedCounters) {
    if (counters.redis) this.shared = new ThrottlerStorageRedisService(counters.redis);
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const local = () => this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
    const shared = this.shared;
    if (!shared) return local();
    return this.counters.run(
      () => shared.increment(key, ttl, limit, blockDuration, throttlerName),
      local,
    );
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
