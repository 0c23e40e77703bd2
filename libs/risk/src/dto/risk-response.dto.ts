import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { RiskSeverity } from '../enums/risk-severity.enum';
import { RiskStatus } from '../enums/risk-status.enum';
import { RiskTreatment } from '../enums/risk-treatment.enum';

export class RiskResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  title: string;

  description: string;

  category: string;

  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  likelihood: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  impact: number;

  /** likelihood x impact. */
  @ApiProperty({ minimum: 1, maximum: 25 })
  inherentScore: number;

  @ApiProperty({ enum: RiskSeverity, enumName: 'RiskSeverity' })
  severity: RiskSeverity;

  @ApiProperty({ minimum: 1, maximum: 5, nullable: true, type: Number })
  residualLikelihood: number | null;

  @ApiProperty({ minimum: 1, maximum: 5, nullable: true, type: Number })
  residualImpact: number | null;

  @ApiProperty({ minimum: 1, maximum: 25, nullable: true, type: Number })
  residualScore: number | null;

  @ApiProperty({ enum: RiskSeverity, enumName: 'RiskSeverity', nullable: true })
  residualSeverity: RiskSeverity | null;

  @ApiProperty({ enum: RiskStatus, enumName: 'RiskStatus' })
  status: RiskStatus;

  @ApiProperty({ enum: RiskTreatment, enumName: 'RiskTreatment' })
  treatment: RiskTreatment;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextReviewAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  version: number;
}

export const RiskPage = PageOf(RiskResponseDto, 'RiskPage');
