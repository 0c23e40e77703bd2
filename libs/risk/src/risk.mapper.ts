import { RiskResponseDto } from './dto/risk-response.dto';
import { RiskEntity } from './entities/risk.entity';

export function toRiskResponse(risk: RiskEntity): RiskResponseDto {
  return {
    id: risk.id,
    title: risk.title,
    description: risk.description,
    category: risk.category,
    ownerId: risk.ownerId,
    likelihood: risk.likelihood,
    impact: risk.impact,
    inherentScore: risk.inherentScore,
    severity: risk.severity,
    residualLikelihood: risk.residualLikelihood,
    residualImpact: risk.residualImpact,
    residualScore: risk.residualScore,
    residualSeverity: risk.residualSeverity,
    status: risk.status,
    treatment: risk.treatment,
    nextReviewAt: risk.nextReviewAt?.toISOString() ?? null,
    reviewIntervalDays: risk.reviewIntervalDays,
    lastReviewedAt: risk.lastReviewedAt?.toISOString() ?? null,
    createdAt: risk.createdAt.toISOString(),
    updatedAt: risk.updatedAt.toISOString(),
    version: risk.version,
  };
}
