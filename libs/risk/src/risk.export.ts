import { csvColumns } from '@rct/common';
import { RiskResponseDto } from './dto/risk-response.dto';

/** The columns of a risk export: every field of a list item, in the mapper's order. */
export const RISK_EXPORT_COLUMNS = csvColumns<RiskResponseDto>({
  id: true,
  title: true,
  description: true,
  category: true,
  ownerId: true,
  likelihood: true,
  impact: true,
  inherentScore: true,
  severity: true,
  residualLikelihood: true,
  residualImpact: true,
  residualScore: true,
  residualSeverity: true,
  status: true,
  treatment: true,
  nextReviewAt: true,
  reviewIntervalDays: true,
  lastReviewedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
