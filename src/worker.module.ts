import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config';
import { databaseModule } from './database/database.module';
import { RemindersModule } from './reminders/reminders.module';

/**
 * `npm run worker`: the scheduler and webhook deliveries, and nothing else — no HTTP server,
 * guards, rate limits or API modules beyond what the scheduler itself uses.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [databaseModule(config, databaseUrl), RemindersModule],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
