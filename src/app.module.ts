import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorsModule } from './actors/actors.module';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { APP_CONFIG, AppConfig } from './config';
import { dataSourceOptions } from './database/data-source';
import { DatabaseListener } from './database/listener';
import { ChangeCounter } from './common/conditional/change-counter';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { FeedsModule } from './feeds/feeds.module';
import { WorkerPoolModule } from './common/worker-pool/worker-pool.module';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { HealthModule } from './health/health.module';
import { ItemsModule } from './items/items.module';
import { MetricsModule } from './metrics/metrics.module';
import { RemindersModule } from './reminders/reminders.module';
import { SecurityModule } from './security/security.module';
import { SourcesModule } from './sources/sources.module';
import { StatsModule } from './stats/stats.module';
import { TimelineModule } from './timeline/timeline.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, config.DB_POOL_SIZE, {
            connectMs: config.DB_CONNECT_TIMEOUT_MS,
            statementMs: config.DB_STATEMENT_TIMEOUT_MS,
          }),
          retryAttempts: 2,
          retryDelay: 500,
        }),
        // Before AuthModule: its guard runs first, so key guessing is rate limited too.
        SecurityModule.forRoot(config),
        AuthModule,
        HealthModule,
        SourcesModule,
        ActorsModule,
        ItemsModule,
        TimelineModule,
        FollowUpsModule,
        FeedsModule,
        WebhooksModule,
        RemindersModule,
        StatsModule,
        IdempotencyModule,
        WorkerPoolModule,
        MetricsModule.forRoot(config),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: DatabaseListener, useFactory: () => new DatabaseListener(databaseUrl) },
        ChangeCounter,
      ],
      exports: [APP_CONFIG, DatabaseListener, ChangeCounter],
    };
  }
}
