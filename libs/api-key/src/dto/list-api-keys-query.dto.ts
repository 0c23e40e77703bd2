import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@rct/common';
import { IsOptional, IsUUID } from 'class-validator';

export class ListApiKeysQueryDto extends PageQueryDto {
  /** Admins: only this user's keys (without it, everyone's). Others may name only themselves. */
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;
}
