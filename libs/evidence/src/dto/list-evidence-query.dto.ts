import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, sortValues, ToBoolean, Trim } from '@rct/common';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { EvidenceKind } from '../enums/evidence-kind.enum';
import { EvidenceReviewStatus } from '../enums/evidence-review-status.enum';

export const EVIDENCE_SORT_FIELDS = [
  'title',
  'kind',
  'reviewStatus',
  'collectedAt',
  'validUntil',
  'createdAt',
  'updatedAt',
] as const;
export type EvidenceSortField = (typeof EVIDENCE_SORT_FIELDS)[number];

export class ListEvidenceQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  controlId?: string;

  @IsOptional()
  @IsEnum(EvidenceReviewStatus)
  @ApiPropertyOptional({ enum: EvidenceReviewStatus, enumName: 'EvidenceReviewStatus' })
  reviewStatus?: EvidenceReviewStatus;

  @IsOptional()
  @IsEnum(EvidenceKind)
  @ApiPropertyOptional({ enum: EvidenceKind, enumName: 'EvidenceKind' })
  kind?: EvidenceKind;

  /** true: validUntil has passed; false: no validUntil, or not passed yet. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean })
  expired?: boolean;

  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  submittedById?: string;

  /** Words to find in title or description (web-search syntax). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A field, descending with a leading `-`. */
  @IsOptional()
  @IsIn(sortValues(EVIDENCE_SORT_FIELDS))
  @ApiPropertyOptional({
    enum: sortValues(EVIDENCE_SORT_FIELDS),
    enumName: 'EvidenceSort',
    default: '-collectedAt',
  })
  sort: string = '-collectedAt';
}
