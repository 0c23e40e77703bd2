import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public, RateLimitExempt } from '@rct/auth';
import { ApiProblemResponses } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { SharedCounters } from '@rct/counters';
import { LivenessDto, ReadinessDto } from './dto/health.dto';

@ApiTags('health')
@Public()
@RateLimitExempt()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly config: AppConfigService,
    private readonly counters: SharedCounters,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness probe' })
  @ApiOkResponse({ type: LivenessDto, description: 'The process serves HTTP.' })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /**
   * The database answers within HEALTH_DB_TIMEOUT_MS; 503 when it does not. `counters` says
   * where rate limits and sign-in throttling count: `redis` (shared) or `memory` (this
   * instance alone, also while a configured Redis is unreachable: still ready).
   */
  @Get('ready')
  // Terminus documents its own result for 503; ours is problem+json, documented below.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness probe' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Every dependency answered.' })
  @ApiProblemResponses({
    status: 503,
    description: 'The database did not answer within HEALTH_DB_TIMEOUT_MS.',
  })
  async ready(): Promise<ReadinessDto> {
    const timeout = this.config.get('HEALTH_DB_TIMEOUT_MS');
    const result = await this.health.check([
      () => this.database.pingCheck('database', { timeout }),
      () => this.countersIndicator(),
    ]);
    // check() throws 503 unless every indicator is up, so what returns is always "ok".
    return result as ReadinessDto;
  }

  private countersIndicator(): HealthIndicatorResult {
    const { store, configured } = this.counters.status();
    const message =
      store === 'memory' && configured
        ? "Redis is unreachable: counting in this instance's memory until it returns."
        : undefined;
    return { counters: { status: 'up', store, ...(message ? { message } : {}) } };
  }
}
