import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class VerifyAuditChainQueryDto {
  /** Seq of a checkpoint to start from: checks only the events from it on (incremental). */
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'fromSeq must be the seq of a checkpoint' })
  @ApiPropertyOptional({ pattern: '^[1-9]\\d{0,18}$', example: '1042' })
  fromSeq?: string;
}
