import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, RequireRole } from '../auth/roles.decorator';
import { register } from './metrics';

/** The handler both variants share; which one is mounted depends on METRICS_PUBLIC. */
abstract class MetricsEndpoint {
  /** Prometheus text format. */
  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
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
