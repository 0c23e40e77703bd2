import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { EvidenceKind } from '../enums/evidence-kind.enum';
import { EvidenceReviewStatus } from '../enums/evidence-review-status.enum';

/** The uploaded file, described; its bytes come from GET /evidence/{id}/file. */
@ApiSchema({ name: 'EvidenceFile' })
export class EvidenceFileDto {
  /** The original file name, made safe. */
  @ApiProperty({ example: 'access-review-q3.pdf' })
  name: string;

  /** Bytes. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 48213 })
  size: number;

  @ApiProperty({ example: 'application/pdf' })
  contentType: string;

  /** Hex SHA-256 of the bytes, recorded at upload and re-checked on every download. */
  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256: string;
}

@ApiSchema({ name: 'Evidence' })
export class EvidenceResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  controlId: string;

  @ApiProperty({ example: 'Q3 access review sign-off' })
  title: string;

  @ApiProperty({
    example: 'Spreadsheet of every privileged account, signed off by the system owners.',
  })
  description: string;

  @ApiProperty({ enum: EvidenceKind, enumName: 'EvidenceKind' })
  kind: EvidenceKind;

  // The example is an uploaded document awaiting review: no link and no review yet.
  @ApiProperty({ type: String, format: 'uri', nullable: true, example: null })
  url: string | null;

  /** The evidence's effective date. */
  @ApiProperty({ format: 'date-time' })
  collectedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  validUntil: string | null;

  /** validUntil has passed, as of this response. */
  expired: boolean;

  @ApiProperty({ enum: EvidenceReviewStatus, enumName: 'EvidenceReviewStatus' })
  reviewStatus: EvidenceReviewStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  reviewedById: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  reviewedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  reviewComment: string | null;

  /** The user who created it. */
  @ApiProperty({ format: 'uuid' })
  submittedById: string;

  @ApiProperty({ type: EvidenceFileDto, nullable: true })
  file: EvidenceFileDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version: number;
}

export const EvidencePage = PageOf(EvidenceResponseDto, 'EvidencePage');
