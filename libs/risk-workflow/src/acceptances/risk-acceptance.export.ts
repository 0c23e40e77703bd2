import { csvColumns } from '@rct/common';
import { RiskAcceptanceResponseDto } from './dto/risk-acceptance-response.dto';

/** The columns of an acceptance export: every field of a list item, in the mapper's order. */
export const RISK_ACCEPTANCE_EXPORT_COLUMNS = csvColumns<RiskAcceptanceResponseDto>({
  id: true,
  riskId: true,
  status: true,
  justification: true,
  expiresAt: true,
  requestedById: true,
  requestedAt: true,
  decidedById: true,
  decidedAt: true,
  decisionComment: true,
  revokedById: true,
  revokedAt: true,
  revokeComment: true,
  inherentScoreAtRequest: true,
  residualScoreAtRequest: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
