import { exportFields, field } from '@rct/database';
import { EvidenceResponseDto } from './dto/evidence-response.dto';

/** toEvidenceFile: the file's metadata in its order, or null unless all four are stored. */
const EVIDENCE_FILE = `CASE
  WHEN evidence.fileName IS NULL OR evidence.fileSize IS NULL
    OR evidence.fileContentType IS NULL OR evidence.fileSha256 IS NULL THEN NULL
  ELSE json_build_object('name', evidence.fileName, 'size', evidence.fileSize,
    'contentType', evidence.fileContentType, 'sha256', evidence.fileSha256)
END`;

/**
 * An evidence list item as an export writes it (what toEvidenceResponse
 * writes), every field in the mapper's order, over the repository's alias `evidence`.
 * `expired` is judged at the parameter `now`, the moment the export's filter used.
 */
export const EVIDENCE_EXPORT_FIELDS = exportFields<EvidenceResponseDto>({
  id: field.token('evidence.id'),
  controlId: field.token('evidence.controlId'),
  title: field.text('evidence.title'),
  description: field.text('evidence.description'),
  kind: field.token('evidence.kind'),
  url: field.text('evidence.url'),
  collectedAt: field.timestamp('evidence.collectedAt'),
  validUntil: field.timestamp('evidence.validUntil'),
  expired: field.boolean('evidence.validUntil IS NOT NULL AND evidence.validUntil < :now'),
  reviewStatus: field.token('evidence.reviewStatus'),
  reviewedById: field.token('evidence.reviewedById'),
  reviewedAt: field.timestamp('evidence.reviewedAt'),
  reviewComment: field.text('evidence.reviewComment'),
  submittedById: field.token('evidence.submittedById'),
  file: field.jsonObject(EVIDENCE_FILE),
  createdAt: field.timestamp('evidence.createdAt'),
  updatedAt: field.timestamp('evidence.updatedAt'),
  version: field.integer('evidence.version'),
});
