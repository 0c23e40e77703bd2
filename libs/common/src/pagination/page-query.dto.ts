import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInteger } from '../validation/integer-query';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** The page size, shared by offset-paged lists and the keyset-paged audit trail. */
export class LimitQueryDto {
  /** Items per page (1-100). */
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
  })
  limit: number = DEFAULT_PAGE_LIMIT;
}

/** Offset paging shared by every list; list query DTOs extend it with their filters. */
export class PageQueryDto extends LimitQueryDto {
  /** Items to skip. */
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  offset: number = 0;
}
