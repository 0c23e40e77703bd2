import { Injectable } from '@nestjs/common';
import { SystemWriteRunner } from '@rct/audit';
import { RiskAcceptanceService } from '../risk-acceptance.service';

/** Thrown inside an expiry's transaction when nothing was due: it rolls back, no event. */
class NothingDue extends Error {}

/** At most this many expiries per run; the next run takes the rest. */
const MAX_PER_RUN = 500;

/**
 * Expires approved acceptances whose expiresAt has passed, one transaction each, audited as
 * `acceptance_expire` by the `system` actor. Every instance runs it; each claims rows the
 * others are not holding, so each acceptance expires exactly once.
 */
@Injectable()
export class AcceptanceExpiryService {
  constructor(
    private readonly acceptances: RiskAcceptanceService,
    private readonly system: SystemWriteRunner,
  ) {}

  /** Answers how many acceptances this call expired. */
  async expireDue(now = new Date()): Promise<number> {
    let expired = 0;
    while (expired < MAX_PER_RUN) {
      try {
        await this.system.run('acceptance-expiry', async () => {
          if (!(await this.acceptances.expireNext(now))) throw new NothingDue();
        });
      } catch (error) {
        if (error instanceof NothingDue) break;
        throw error;
      }
      expired += 1;
    }
    return expired;
  }
}
