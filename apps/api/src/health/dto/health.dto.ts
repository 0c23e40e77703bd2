import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';
import type { HealthCheckResult } from '@nestjs/terminus';

@ApiSchema({ name: 'Liveness' })
export class LivenessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}

/** One dependency's state, as the readiness probe saw it. */
@ApiSchema({ name: 'HealthIndicator' })
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  /** Where the counters live (the `counters` entry only): `redis` shared, `memory` alone. */
  @ApiPropertyOptional({ enum: ['redis', 'memory'], enumName: 'CounterStore', example: 'redis' })
  store?: 'redis' | 'memory';

  /** Why the dependency is down, or why the counters are not shared. */
  @ApiPropertyOptional({ example: 'timeout of 1000ms exceeded' })
  message?: string;
}

const INDICATORS = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) },
  example: { database: { status: 'up' }, counters: { status: 'up', store: 'redis' } },
} as const;

/** Every dependency answered; when one does not, the probe answers 503 problem+json. */
@ApiSchema({ name: 'Readiness' })
@ApiExtraModels(HealthIndicatorDto)
export class ReadinessDto implements HealthCheckResult {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';

  /** The dependencies that are up, by name. */
  @ApiPropertyOptional(INDICATORS)
  info?: Record<string, HealthIndicatorDto>;

  /** The dependencies that are down, by name (empty here). */
  @ApiPropertyOptional({ ...INDICATORS, example: {} })
  error?: Record<string, HealthIndicatorDto>;

  /** Every dependency, by name. */
  @ApiProperty(INDICATORS)
  details: Record<string, HealthIndicatorDto>;
}
