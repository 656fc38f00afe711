import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { createLogger, PinoNestLogger } from './common/logger';
import { loadConfig } from './config';

/**
 * `npm run worker`: the reminder scheduler and webhook deliveries without the HTTP API. Any
 * number may run beside the API replicas on one database. It needs DATABASE_URL (an embedded
 * database belongs to one `npm start`) and migrations applied (by the API or `npm run migration:run`).
 * SIGTERM/SIGINT finish the pass and the deliveries in flight, then exit.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('npm run worker needs DATABASE_URL');
  config.SCHEDULER_ENABLED = true;
  const logger = createLogger(config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, config.DATABASE_URL), { logger: new PinoNestLogger(logger) });
  logger.info('Pledgewatch worker running: reminders every %d ms, webhook deliveries', config.REMINDER_POLL_MS);
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: stopping the worker`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
