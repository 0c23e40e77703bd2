import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime } from '@rct/common';
import { IsOptional } from 'class-validator';

export class AsOfQueryDto {
  /**
   * Answer the record as it stood at this instant, rebuilt from the audit trail (no ETag);
   * 404 if it did not exist yet or had been deleted by then.
   */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  asOf?: Date;
}
