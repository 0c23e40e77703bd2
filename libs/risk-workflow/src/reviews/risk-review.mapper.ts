import { RiskReviewResponseDto } from './dto/risk-review-response.dto';
import { RiskReviewEntity } from './entities/risk-review.entity';

export function toRiskReviewResponse(review: RiskReviewEntity): RiskReviewResponseDto {
  return {
    id: review.id,
    riskId: review.riskId,
    reviewerId: review.reviewerId,
    outcome: review.outcome,
    notes: review.notes,
    reviewedAt: review.reviewedAt.toISOString(),
    likelihood: review.likelihood,
    impact: review.impact,
    inherentScore: review.inherentScore,
    residualScore: review.residualScore,
  };
}
