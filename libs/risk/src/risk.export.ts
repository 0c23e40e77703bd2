import { exportFields, field } from '@rct/database';
import { RiskResponseDto } from './dto/risk-response.dto';

/**
 * A risk list item as an export writes it (what toRiskResponse writes), every
 * field in the mapper's order, over the repository's alias `risk`.
 */
export const RISK_EXPORT_FIELDS = exportFields<RiskResponseDto>({
  id: field.token('risk.id'),
  title: field.text('risk.title'),
  description: field.text('risk.description'),
  category: field.text('risk.category'),
  ownerId: field.token('risk.ownerId'),
  likelihood: field.integer('risk.likelihood'),
  impact: field.integer('risk.impact'),
  inherentScore: field.integer('risk.inherentScore'),
  severity: field.token('risk.severity'),
  residualLikelihood: field.integer('risk.residualLikelihood'),
  residualImpact: field.integer('risk.residualImpact'),
  residualScore: field.integer('risk.residualScore'),
  residualSeverity: field.token('risk.residualSeverity'),
  status: field.token('risk.status'),
  treatment: field.token('risk.treatment'),
  nextReviewAt: field.timestamp('risk.nextReviewAt'),
  reviewIntervalDays: field.integer('risk.reviewIntervalDays'),
  lastReviewedAt: field.timestamp('risk.lastReviewedAt'),
  createdAt: field.timestamp('risk.createdAt'),
  updatedAt: field.timestamp('risk.updatedAt'),
  version: field.integer('risk.version'),
});
