import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, RequireRole } from '../auth/roles.decorator';
import { register } from './metrics';
import { Endpoint } from '../openapi/endpoint.decorator';

/** The handler both variants share; which one is mounted depends on METRICS_PUBLIC. */
abstract class MetricsEndpoint {
  /** Prometheus text format. */
  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  @Endpoint({
    summary: 'Prometheus metrics',
    description: 'Open unless METRICS_PUBLIC=false, which requires an admin key.',
    problems: [
      [401, 'METRICS_PUBLIC=false and no admin key'],
      [403, 'METRICS_PUBLIC=false and a key below admin'],
    ],
    content: { 'text/plain': { type: 'string', description: 'Prometheus text format 0.0.4' } },
  })
  scrape(): Promise<string> {
    return register.metrics();
  }
}

@ApiTags('operations')
@Public()
@Controller('metrics')
export class PublicMetricsController extends MetricsEndpoint {}

@ApiTags('operations')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('metrics')
export class AdminMetricsController extends MetricsEndpoint {}
