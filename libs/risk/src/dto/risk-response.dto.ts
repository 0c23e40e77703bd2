import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { RiskSeverity } from '../enums/risk-severity.enum';
import { RiskStatus } from '../enums/risk-status.enum';
import { RiskTreatment } from '../enums/risk-treatment.enum';

@ApiSchema({ name: 'Risk' })
export class RiskResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Ransomware encrypts the file servers' })
  title: string;

  @ApiProperty({ example: 'A phishing e-mail leads to ransomware on the unpatched file servers.' })
  description: string;

  @ApiProperty({ example: 'Security' })
  category: string;

  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 4 })
  likelihood: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 5 })
  impact: number;

  /** likelihood x impact. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, example: 20 })
  inherentScore: number;

  // Examples follow the banding (4 x 5 = 20 is critical, 2 x 4 = 8 medium): Swagger UI would
  // otherwise show an enum's first value, low.
  @ApiProperty({ enum: RiskSeverity, enumName: 'RiskSeverity', example: RiskSeverity.Critical })
  severity: RiskSeverity;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, nullable: true, example: 2 })
  residualLikelihood: number | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, nullable: true, example: 4 })
  residualImpact: number | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, nullable: true, example: 8 })
  residualScore: number | null;

  @ApiProperty({
    enum: RiskSeverity,
    enumName: 'RiskSeverity',
    nullable: true,
    example: RiskSeverity.Medium,
  })
  residualSeverity: RiskSeverity | null;

  @ApiProperty({ enum: RiskStatus, enumName: 'RiskStatus' })
  status: RiskStatus;

  @ApiProperty({ enum: RiskTreatment, enumName: 'RiskTreatment' })
  treatment: RiskTreatment;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextReviewAt: string | null;

  /** Days between reviews. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 730, example: 90 })
  reviewIntervalDays: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastReviewedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version: number;
}

export const RiskPage = PageOf(RiskResponseDto, 'RiskPage');
