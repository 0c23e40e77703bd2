import { exportFields, field } from '@rct/database';
import { RiskAcceptanceResponseDto } from './dto/risk-acceptance-response.dto';

/**
 * An acceptance list item as an export writes it (what
 * toRiskAcceptanceResponse writes), every field in the mapper's order, over the alias
 * `acceptance`.
 */
export const RISK_ACCEPTANCE_EXPORT_FIELDS = exportFields<RiskAcceptanceResponseDto>({
  id: field.token('acceptance.id'),
  riskId: field.token('acceptance.riskId'),
  status: field.token('acceptance.status'),
  justification: field.text('acceptance.justification'),
  expiresAt: field.timestamp('acceptance.expiresAt'),
  requestedById: field.token('acceptance.requestedById'),
  requestedAt: field.timestamp('acceptance.requestedAt'),
  decidedById: field.token('acceptance.decidedById'),
  decidedAt: field.timestamp('acceptance.decidedAt'),
  decisionComment: field.text('acceptance.decisionComment'),
  revokedById: field.token('acceptance.revokedById'),
  revokedAt: field.timestamp('acceptance.revokedAt'),
  revokeComment: field.text('acceptance.revokeComment'),
  inherentScoreAtRequest: field.integer('acceptance.inherentScoreAtRequest'),
  residualScoreAtRequest: field.integer('acceptance.residualScoreAtRequest'),
  createdAt: field.timestamp('acceptance.createdAt'),
  updatedAt: field.timestamp('acceptance.updatedAt'),
  version: field.integer('acceptance.version'),
});
