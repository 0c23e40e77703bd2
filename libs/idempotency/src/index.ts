export { IdempotencyModule } from './idempotency.module';
export { IdempotencyPurgeJob } from './idempotency-purge.job';
export { IdempotencyService } from './idempotency.service';
export type { Replay } from './idempotency.service';
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  isIdempotentRoute,
} from './idempotent-request';
export type { IdempotentRequest } from './idempotent-request';
