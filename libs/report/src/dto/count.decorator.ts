import { ApiProperty } from '@nestjs/swagger';

/** A count of rows: a non-negative integer. */
export function Count(description?: string): PropertyDecorator {
  return ApiProperty({ type: 'integer', minimum: 0, description });
}
