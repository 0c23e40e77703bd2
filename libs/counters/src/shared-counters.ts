import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import Redis from 'ioredis';

/** How long a counter command may take before the instance counts in memory instead. */
const COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for Redis before serving with in-memory counters. */
const STARTUP_WAIT_MS = 3_000;

/** Where the counters live right now, as /health/ready reports it. */
export interface CounterStatus {
  /** `redis`: shared by every instance; `memory`: this instance's own. */
  store: 'redis' | 'memory';
  /** True when REDIS_URL is set (so `memory` means Redis is unreachable). */
  configured: boolean;
}

/**
 * The Redis connection behind the counters every instance must agree on (sign-in throttling,
 * rate limits), and the switch to this instance's memory while it is away. Commands never wait
 * for a connection (no offline queue) and time out quickly, so a Redis outage costs a request
 * at most COMMAND_TIMEOUT_MS once and nothing after that; ioredis keeps reconnecting, and the
 * counters are shared again from its first `ready`. Each outage is logged once.
 */
@Injectable()
export class SharedCounters implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SharedCounters.name);
  /** The Redis client; undefined without REDIS_URL. */
  readonly redis?: Redis;
  private outage = false;

  constructor(config: AppConfigService) {
    const url = config.get('REDIS_URL');
    if (!url) return;
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      lazyConnect: true,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    this.redis.on('ready', () => this.recovered());
    this.redis.on('error', (error: Error) => this.lost(error.message));
    this.redis.on('close', () => this.lost('connection closed'));
  }

  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    redis.connect().catch(() => undefined);
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS))]);
    if (redis.status !== 'ready') this.lost('not reachable at start-up');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    // Closing on purpose is no outage.
    this.outage = true;
    await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  status(): CounterStatus {
    return { store: this.isShared() ? 'redis' : 'memory', configured: this.redis !== undefined };
  }

  isShared(): boolean {
    return this.redis?.status === 'ready';
  }

  /**
   * Runs `shared` against Redis when it is connected, else (or when it fails) `local` against
   * this instance's memory: a counter never turns into a 500.
   */
  async run<T>(shared: (redis: Redis) => Promise<T>, local: () => Promise<T>): Promise<T> {
    const redis = this.redis;
    if (!redis || redis.status !== 'ready') return local();
    try {
      return await shared(redis);
    } catch (error) {
      this.lost((error as Error).message);
      return local();
    }
  }

  private lost(reason: string): void {
    if (this.outage || !this.redis) return;
    this.outage = true;
    this.logger.warn(
      `Redis unavailable (${reason}): sign-in throttling and rate limits count in this instance's memory until it returns`,
    );
  }

  private recovered(): void {
    if (!this.outage) return;
    this.outage = false;
    this.logger.log('Redis is back: counters are shared by every instance again');
  }
}
