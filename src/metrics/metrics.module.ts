import { DynamicModule, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config';
import { AdminMetricsController, PublicMetricsController } from './metrics.controller';
import { httpDuration, httpRequests, PoolStats, watchPool } from './metrics';

/** Request counts and latencies from a Fastify hook (it sees 404s and rejected requests too), pool gauges. */
@Module({})
export class MetricsModule implements OnModuleInit, OnModuleDestroy {
  private unwatch?: () => void;

  constructor(
    private readonly adapter: HttpAdapterHost,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [config.METRICS_PUBLIC ? PublicMetricsController : AdminMetricsController],
    };
  }

  onModuleInit(): void {
    this.unwatch = watchPool((this.db.driver as PostgresDriver).master as PoolStats);
    // `npm run worker` is an application context without HTTP: no requests to count there.
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', (request, reply, done) => {
      // The route pattern (/v1/items/:id), never the raw URL: labels must stay few.
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      };
      httpRequests.inc(labels);
      httpDuration.observe(labels, reply.elapsedTime / 1000);
      done();
    });
  }

  onModuleDestroy(): void {
    this.unwatch?.();
  }
}
