import { RiskAcceptanceResponseDto } from './dto/risk-acceptance-response.dto';
import { RiskAcceptanceEntity } from './entities/risk-acceptance.entity';

export function toRiskAcceptanceResponse(row: RiskAcceptanceEntity): RiskAcceptanceResponseDto {
  return {
    id: row.id,
    riskId: row.riskId,
    status: row.status,
    justification: row.justification,
    expiresAt: row.expiresAt.toISOString(),
    requestedById: row.requestedById,
    requestedAt: row.requestedAt.toISOString(),
    decidedById: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    revokedById: row.revokedById,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeComment: row.revokeComment,
    inherentScoreAtRequest: row.inherentScoreAtRequest,
    residualScoreAtRequest: row.residualScoreAtRequest,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
