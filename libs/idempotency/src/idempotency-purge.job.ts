import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { IdempotencyRepository } from './idempotency.repository';

/** Rows deleted per statement: short statements, short locks. */
const PURGE_BATCH = 5_000;

/**
 * Deletes keys past IDEMPOTENCY_TTL. Runs in every instance; a DELETE of expired rows is the
 * same whichever instance runs it, and running it twice deletes nothing twice.
 */
@Injectable()
export class IdempotencyPurgeJob {
  private readonly logger = new Logger(IdempotencyPurgeJob.name);

  constructor(private readonly keys: IdempotencyRepository) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'idempotency-purge' })
  async run(): Promise<void> {
    try {
      const purged = await this.purgeExpired();
      if (purged > 0) this.logger.log({ purged }, 'Expired idempotency keys purged');
    } catch (error) {
      this.logger.error({ err: error }, 'Purging expired idempotency keys failed');
    }
  }

  /** Deletes every expired key, a batch at a time; answers how many. */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.keys.purgeExpired(PURGE_BATCH);
      total += deleted;
      if (deleted < PURGE_BATCH) return total;
    }
  }
}
