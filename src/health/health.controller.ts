import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles.decorator';
import { SharedCounter } from '../common/shared-counter';
import { Endpoint } from '../openapi/endpoint.decorator';
import { LiveSchema } from './health.schema';

const COUNTED = {
  shared: 'across replicas (Redis)',
  local: 'per replica',
  degraded: 'per replica (Redis unreachable)',
} as const;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly shared: SharedCounter,
  ) {}

  /** The process is up. */
  @Get('live')
  @Endpoint({ summary: 'Liveness', type: LiveSchema })
  live() {
    return { status: 'ok' };
  }

  /**
   * The database answers (within 1 s) and every migration is applied. The details also say where
   * rate limits are counted; Redis being away does not make the service unready (it counts locally).
   */
  @Get('ready')
  @HealthCheck()
  // @HealthCheck() declares terminus's own 200 and 503 bodies.
  @ApiOperation({
    summary: 'Readiness',
    description:
      'The database answers within 1 s and every migration is applied; 503 otherwise. `details.limits.counted` says whether rate limits are counted across replicas (Redis) or per replica.',
  })
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      async () => {
        const indicator = this.indicators.check('migrations');
        const pending = await this.db.showMigrations();
        return pending ? indicator.down({ pending: true }) : indicator.up();
      },
      () => this.indicators.check('limits').up({ counted: COUNTED[this.shared.mode] }),
    ]);
  }
}
