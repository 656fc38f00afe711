import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from './config';
import { databaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { MailDeliveryModule } from './mail/mail-delivery.module';
import { RemindersModule } from './reminders/reminders.module';

/**
 * `npm run worker`: the scheduler, webhook deliveries and reminder mails, and nothing else — no HTTP server,
 * guards, rate limits or API modules beyond what the scheduler itself uses.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      global: true,
      imports: [databaseModule(config, databaseUrl, ENTITIES), RemindersModule, MailDeliveryModule],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
