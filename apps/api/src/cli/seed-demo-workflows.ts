import { INestApplicationContext } from '@nestjs/common';
import { SystemWriteRunner } from '@rct/audit';
import { AuthUser } from '@rct/auth';
import {
  AcceptanceDecision,
  AcceptanceExpiryService,
  RiskAcceptanceService,
  RiskReviewOutcome,
  RiskReviewService,
} from '@rct/risk-workflow';
import { DemoWorkflow } from './demo-register';

const DAY_MS = 86_400_000;
/** An acceptance seeded to expire lapses this soon, then the server's expiry runs. */
const LAPSE_MS = 1_500;

/**
 * Reviews and acceptances of the demo risks, through the services: every acceptance state,
 * the expired one expired by the same code the scheduler runs. `decider` is neither the
 * requester nor the risk's owner (separation of duties).
 */
export async function seedWorkflows(
  app: INestApplicationContext,
  workflows: { riskId: string; demo: DemoWorkflow; owner: AuthUser }[],
  decider: AuthUser,
): Promise<void> {
  const writes = app.get(SystemWriteRunner);
  const reviews = app.get(RiskReviewService);
  const acceptances = app.get(RiskAcceptanceService);
  let lapsing = false;
  for (const { riskId, demo, owner } of workflows) {
    for (const review of demo.reviews ?? []) {
      await writes.run('seed-demo', () =>
        reviews.create(
          riskId,
          { outcome: review.outcome as RiskReviewOutcome, notes: review.notes },
          decider,
        ),
      );
    }
    const plan = demo.acceptance;
    if (!plan) continue;
    const expiresAt = new Date(
      Date.now() + (plan.state === 'expired' ? LAPSE_MS : plan.expiresInDays * DAY_MS),
    );
    const requested = await writes.run('seed-demo', () =>
      acceptances.request(riskId, { justification: plan.justification, expiresAt }, owner),
    );
    if (plan.state === 'requested') continue;
    const decision =
      plan.state === 'rejected' ? AcceptanceDecision.Rejected : AcceptanceDecision.Approved;
    await writes.run('seed-demo', () =>
      acceptances.decide(requested.id, { decision, comment: plan.comment }, decider),
    );
    if (plan.state === 'revoked') {
      await writes.run('seed-demo', () =>
        acceptances.revoke(requested.id, { comment: plan.comment }, decider),
      );
    }
    if (plan.state === 'expired') lapsing = true;
  }
  if (lapsing) {
    await new Promise((resolve) => setTimeout(resolve, LAPSE_MS + 100));
    await app.get(AcceptanceExpiryService).expireDue();
  }
}
