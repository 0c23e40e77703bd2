import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { FallbackThrottlerStorage } from '@rct/counters';
import type { FastifyRequest } from 'fastify';
import { rateLimitKey, rateLimitRefusal } from './rate-limit-refusal';
import { RATE_LIMIT_WINDOW_MS } from './rate-limits';

const ANONYMOUS = 'anonymous';

/**
 * A request whose token or key is refused has no principal, so it spends its address's
 * anonymous budget (RATE_LIMIT_ANONYMOUS), the same one requests without credentials spend.
 * Its 401 is chained (DESIGN "Audit"); once the budget is spent the answer is a 429, which is
 * not, so a flood of made-up tokens from one address adds at most the budget to the trail.
 */
@Injectable()
export class RejectedCredentials {
  private readonly quota: number;

  constructor(
    private readonly storage: FallbackThrottlerStorage,
    config: AppConfigService,
  ) {
    this.quota = config.get('RATE_LIMIT_ANONYMOUS');
  }

  /** Counts one refused credential; throws the 429 if the address has no budget left. */
  async charge(request: Pick<FastifyRequest, 'ip'>): Promise<void> {
    if (this.quota === 0) return;
    const record = await this.storage.increment(
      rateLimitKey(ANONYMOUS, request.ip),
      RATE_LIMIT_WINDOW_MS,
      this.quota,
      RATE_LIMIT_WINDOW_MS,
      ANONYMOUS,
    );
    if (record.isBlocked)
      throw rateLimitRefusal(ANONYMOUS, this.quota, RATE_LIMIT_WINDOW_MS, record);
  }
}
