import { EvidenceFileDto, EvidenceResponseDto } from './dto/evidence-response.dto';
import { EvidenceEntity } from './entities/evidence.entity';

export function toEvidenceFile(evidence: EvidenceEntity): EvidenceFileDto | null {
  const { fileName, fileSize, fileContentType, fileSha256 } = evidence;
  if (fileName === null || fileSize === null || fileContentType === null || fileSha256 === null) {
    return null;
  }
  return { name: fileName, size: fileSize, contentType: fileContentType, sha256: fileSha256 };
}

/** `now` is the moment `expired` is judged at; lists pass the one their filter used. */
export function toEvidenceResponse(
  evidence: EvidenceEntity,
  now: Date = new Date(),
): EvidenceResponseDto {
  return {
    id: evidence.id,
    controlId: evidence.controlId,
    title: evidence.title,
    description: evidence.description,
    kind: evidence.kind,
    url: evidence.url,
    collectedAt: evidence.collectedAt.toISOString(),
    validUntil: evidence.validUntil?.toISOString() ?? null,
    expired: evidence.validUntil !== null && evidence.validUntil.getTime() < now.getTime(),
    reviewStatus: evidence.reviewStatus,
    reviewedById: evidence.reviewedById,
    reviewedAt: evidence.reviewedAt?.toISOString() ?? null,
    reviewComment: evidence.reviewComment,
    submittedById: evidence.submittedById,
    file: toEvidenceFile(evidence),
    createdAt: evidence.createdAt.toISOString(),
    updatedAt: evidence.updatedAt.toISOString(),
    version: evidence.version,
  };
}
