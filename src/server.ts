import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { createLogger } from './common/logger';
import { AppConfig } from './config';
import { runMigrations } from './database/data-source';
import { resolveDatabase } from './database/resolve';
import { closeOnSignal } from './shutdown';

/**
 * Database (embedded unless DATABASE_URL), migrations, HTTP server; SIGTERM/SIGINT drain requests,
 * close the app (scheduler, pool) and stop the embedded database.
 */
export async function startServer(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config.LOG_LEVEL);
  const log = (msg: string) => logger.info(msg);
  const db = await resolveDatabase(config);
  await runMigrations(config.DATABASE_DIRECT_URL ?? db.url);
  const app = await createApp(config, db.url, logger);
  await app.listen({ port: config.PORT, host: config.HOST });
  log(`Pledgewatch listening on http://${config.HOST}:${config.PORT}`);
  closeOnSignal(app, db.stop, { graceMs: config.SHUTDOWN_GRACE_MS, log });
  return app;
}
