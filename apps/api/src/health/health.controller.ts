import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '@rct/auth';
import { AppConfigService } from '@rct/config';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly config: AppConfigService,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness probe' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The database answers within HEALTH_DB_TIMEOUT_MS; 503 when it does not. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness probe' })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable.' })
  ready(): Promise<HealthCheckResult> {
    const timeout = this.config.get('HEALTH_DB_TIMEOUT_MS');
    return this.health.check([() => this.database.pingCheck('database', { timeout })]);
  }
}
