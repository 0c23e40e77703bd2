import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function toPage<T>(
  items: T[],
  total: number,
  query: { limit: number; offset: number },
): Page<T> {
  return { items, total, limit: query.limit, offset: query.offset };
}

/**
 * A named page schema per resource (`UserPage`, `RiskPage`, ...) so generated SDKs get a real
 * type instead of an anonymous object.
 */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: item, isArray: true })
    items: T[];

    /** Items matching the filters, across all pages. */
    @ApiProperty({ type: 'integer', minimum: 0, example: 42 })
    total: number;

    @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 20 })
    limit: number;

    @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
    offset: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
