import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { FallbackThrottlerStorage } from '@rct/counters';
import type { FastifyRequest } from 'fastify';
import { spendRateLimit } from './rate-limit-refusal';
import { RATE_LIMIT_WINDOW_MS, RATE_LIMITS } from './rate-limits';

const [ANONYMOUS] = RATE_LIMITS;

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
    await spendRateLimit(this.storage, {
      limit: ANONYMOUS,
      tracker: request.ip,
      quota: this.quota,
      ttlMs: RATE_LIMIT_WINDOW_MS,
    });
  }
}
