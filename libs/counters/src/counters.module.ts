import { Global, Module } from '@nestjs/common';
import { FallbackThrottlerStorage } from './fallback-throttler.storage';
import { SharedCounters } from './shared-counters';

/** The counters instances share through Redis (REDIS_URL), with their in-memory fallback. */
@Global()
@Module({
  providers: [SharedCounters, FallbackThrottlerStorage],
  exports: [SharedCounters, FallbackThrottlerStorage],
})
export class CountersModule {}
