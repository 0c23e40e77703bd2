import { Trim } from '@rct/common';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Narrows the summary to these risks and what belongs to them (controls, evidence, tasks). */
export class SummaryQueryDto {
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  category?: string;
}
