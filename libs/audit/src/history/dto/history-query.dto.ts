import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQueryDto } from '@rct/common';
import { IsOptional, Matches } from 'class-validator';

export class HistoryQueryDto extends LimitQueryDto {
  /** `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  @ApiPropertyOptional({ pattern: '^\\d{1,18}$', example: '1042' })
  cursor?: string;
}
