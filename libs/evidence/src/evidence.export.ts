import { csvColumns } from '@rct/common';
import { EvidenceResponseDto } from './dto/evidence-response.dto';

/** The columns of an evidence export: every field of a list item, in the mapper's order. */
export const EVIDENCE_EXPORT_COLUMNS = csvColumns<EvidenceResponseDto>({
  id: true,
  controlId: true,
  title: true,
  description: true,
  kind: true,
  url: true,
  collectedAt: true,
  validUntil: true,
  expired: true,
  reviewStatus: true,
  reviewedById: true,
  reviewedAt: true,
  reviewComment: true,
  submittedById: true,
  file: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
