export { CountersModule } from './counters.module';
export { FallbackThrottlerStorage } from './fallback-throttler.storage';
export { SharedCounters } from './shared-counters';
export type { CounterStatus } from './shared-counters';
