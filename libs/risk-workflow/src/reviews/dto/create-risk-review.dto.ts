import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { RiskReviewOutcome } from '../../enums/risk-review-outcome.enum';

@ApiSchema({ name: 'CreateRiskReviewRequest' })
export class CreateRiskReviewDto {
  @IsEnum(RiskReviewOutcome)
  @ApiProperty({
    enum: RiskReviewOutcome,
    enumName: 'RiskReviewOutcome',
    example: RiskReviewOutcome.NoChange,
  })
  outcome: RiskReviewOutcome;

  /** What the reviewer looked at and concluded. */
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({ example: 'Controls re-tested in Q3; likelihood unchanged.' })
  notes?: string;
}
