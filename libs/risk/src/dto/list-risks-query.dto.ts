import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, sortValues, ToBoolean, Trim } from '@rct/common';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RiskSeverity } from '../enums/risk-severity.enum';
import { RiskStatus } from '../enums/risk-status.enum';
import { RiskTreatment } from '../enums/risk-treatment.enum';

export const RISK_SORT_FIELDS = [
  'title',
  'inherentScore',
  'residualScore',
  'status',
  'nextReviewAt',
  'lastReviewedAt',
  'createdAt',
  'updatedAt',
] as const;
export type RiskSortField = (typeof RISK_SORT_FIELDS)[number];

export class ListRisksQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(RiskStatus)
  @ApiPropertyOptional({ enum: RiskStatus, enumName: 'RiskStatus' })
  status?: RiskStatus;

  @IsOptional()
  @IsEnum(RiskSeverity)
  @ApiPropertyOptional({ enum: RiskSeverity, enumName: 'RiskSeverity' })
  severity?: RiskSeverity;

  @IsOptional()
  @IsEnum(RiskTreatment)
  @ApiPropertyOptional({ enum: RiskTreatment, enumName: 'RiskTreatment' })
  treatment?: RiskTreatment;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  category?: string;

  /** true: only risks whose nextReviewAt has passed; false: only those not yet due. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean })
  reviewDue?: boolean;

  /** Words to find in title, description or category (web-search syntax). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A field, descending with a leading `-`. */
  @IsOptional()
  @IsIn(sortValues(RISK_SORT_FIELDS))
  @ApiPropertyOptional({
    enum: sortValues(RISK_SORT_FIELDS),
    enumName: 'RiskSort',
    default: '-inherentScore',
  })
  sort: string = '-inherentScore';
}
