export { RiskWorkflowModule } from './risk-workflow.module';
export { RiskReviewService } from './reviews/risk-review.service';
export { RiskAcceptanceService } from './acceptances/risk-acceptance.service';
export { AcceptanceExpiryService } from './acceptances/expiry/acceptance-expiry.service';
export { AcceptanceExpiryScheduler } from './acceptances/expiry/acceptance-expiry.scheduler';
export { RiskReviewOutcome } from './enums/risk-review-outcome.enum';
export { RiskAcceptanceStatus } from './enums/risk-acceptance-status.enum';
export { AcceptanceDecision } from './enums/acceptance-decision.enum';
