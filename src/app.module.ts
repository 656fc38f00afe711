import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorsModule } from './actors/actors.module';
import { AuthModule } from './auth/auth.module';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from './config';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './health/health.module';
import { ItemsModule } from './items/items.module';
import { SourcesModule } from './sources/sources.module';

export const APP_CONFIG = 'APP_CONFIG';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.DB_POOL_SIZE), retryAttempts: 2, retryDelay: 500 }),
        AuthModule,
        HealthModule,
        SourcesModule,
        ActorsModule,
        ItemsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: ProblemFilter }],
      exports: [APP_CONFIG],
    };
  }
}
