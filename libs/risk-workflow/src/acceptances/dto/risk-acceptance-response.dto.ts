import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { RiskAcceptanceStatus } from '../../enums/risk-acceptance-status.enum';

@ApiSchema({ name: 'RiskAcceptance' })
export class RiskAcceptanceResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  riskId: string;

  @ApiProperty({
    enum: RiskAcceptanceStatus,
    enumName: 'RiskAcceptanceStatus',
    example: RiskAcceptanceStatus.Requested,
  })
  status: RiskAcceptanceStatus;

  @ApiProperty({
    example: 'Legacy system retired in Q2; compensating monitoring in place until then.',
  })
  justification: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ format: 'uuid' })
  requestedById: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  decidedById: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  decidedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  decisionComment: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  revokedById: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  revokeComment: string | null;

  /** The risk's inherent score when acceptance was requested. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, example: 12 })
  inherentScoreAtRequest: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, nullable: true, example: 6 })
  residualScoreAtRequest: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  version: number;
}

export const RiskAcceptancePage = PageOf(RiskAcceptanceResponseDto, 'RiskAcceptancePage');
