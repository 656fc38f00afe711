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
    description:
      'When the service runs with METRICS_PUBLIC=true it answers without a key (this document then says `security: []`).',
    problems: [
      [401, 'No admin key (METRICS_PUBLIC is not true)'],
      [403, 'A key below admin (METRICS_PUBLIC is not true)'],
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
