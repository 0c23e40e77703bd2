import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { RiskReviewOutcome } from '../../enums/risk-review-outcome.enum';

@ApiSchema({ name: 'RiskReview' })
export class RiskReviewResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  riskId: string;

  @ApiProperty({ format: 'uuid' })
  reviewerId: string;

  @ApiProperty({ enum: RiskReviewOutcome, enumName: 'RiskReviewOutcome' })
  outcome: RiskReviewOutcome;

  @ApiProperty({ example: 'Controls re-tested in Q3; likelihood unchanged.' })
  notes: string;

  @ApiProperty({ format: 'date-time' })
  reviewedAt: string;

  /** The risk's likelihood when it was reviewed. */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 4 })
  likelihood: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 5 })
  impact: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, example: 20 })
  inherentScore: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25, nullable: true, example: 8 })
  residualScore: number | null;
}

export const RiskReviewPage = PageOf(RiskReviewResponseDto, 'RiskReviewPage');
