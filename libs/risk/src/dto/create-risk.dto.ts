import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim, IsDateTime } from '@rct/common';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { RiskStatus } from '../enums/risk-status.enum';
import { RiskTreatment } from '../enums/risk-treatment.enum';

@ApiSchema({ name: 'CreateRiskRequest' })
export class CreateRiskDto {
  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'Ransomware encrypts the file servers' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({
    example: 'A phishing e-mail leads to ransomware on the unpatched file servers.',
  })
  description?: string;

  /** Free-text grouping, such as Security, Privacy, Vendor. */
  @Trim()
  @IsString()
  @Length(1, 100)
  @ApiProperty({ example: 'Security' })
  category: string;

  /** An active user accountable for the risk. */
  @IsUUID()
  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  /** 1 (rare) to 5 (almost certain). */
  @IsInt()
  @Min(1)
  @Max(5)
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 4 })
  likelihood: number;

  /** 1 (negligible) to 5 (severe). */
  @IsInt()
  @Min(1)
  @Max(5)
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 5 })
  impact: number;

  /** After treatment; give both residual values or neither. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, nullable: true, example: 2 })
  residualLikelihood?: number | null;

  /** After treatment; give both residual values or neither. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, nullable: true, example: 4 })
  residualImpact?: number | null;

  @IsOptional()
  @IsEnum(RiskStatus)
  @ApiPropertyOptional({ enum: RiskStatus, enumName: 'RiskStatus', default: RiskStatus.Open })
  status?: RiskStatus;

  @IsOptional()
  @IsEnum(RiskTreatment)
  @ApiPropertyOptional({
    enum: RiskTreatment,
    enumName: 'RiskTreatment',
    default: RiskTreatment.Untreated,
  })
  treatment?: RiskTreatment;

  /** When the next review is due; creation + reviewIntervalDays when left out. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  nextReviewAt?: Date | null;

  /** Days between reviews; from severity when left out (critical, high 90; medium 180; low 365). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 730, example: 90 })
  reviewIntervalDays?: number;
}
