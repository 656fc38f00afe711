import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config';
import { databaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { MailDeliveryModule } from './mail/mail-delivery.module';
import { RechecksModule } from './rechecks/rechecks.module';
import { WorkerPoolModule } from './common/worker-pool/worker-pool.module';
import { RemindersModule } from './reminders/reminders.module';

/**
 * `npm run worker`: the scheduler, webhook deliveries, reminder mails and source rechecks, and nothing else — no HTTP server,
 * guards, rate limits or API modules beyond what the scheduler itself uses.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [
        databaseModule(config, databaseUrl, ENTITIES),
        WorkerPoolModule,
        RemindersModule,
        MailDeliveryModule,
        RechecksModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
