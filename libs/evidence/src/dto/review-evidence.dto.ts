import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim } from '@rct/common';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { EvidenceReviewDecision } from '../enums/evidence-review-status.enum';

@ApiSchema({ name: 'ReviewEvidenceRequest' })
export class ReviewEvidenceDto {
  @IsEnum(EvidenceReviewDecision)
  @ApiProperty({ enum: EvidenceReviewDecision, enumName: 'EvidenceReviewDecision' })
  decision: EvidenceReviewDecision;

  /** Why the evidence was accepted or rejected. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Covers every privileged account.',
  })
  comment?: string | null;
}
