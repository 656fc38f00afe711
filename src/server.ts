import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { createLogger } from './common/logger';
import { AppConfig } from './config';
import { runMigrations } from './database/data-source';
import { resolveDatabase } from './database/resolve';


/**
 * Database (embedded unless DATABASE_URL), migrations, HTTP server; SIGTERM/SIGINT drain requests,
 * close the app (scheduler, pool) and stop the embedded database.
 */
export async function startServer(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config.LOG_LEVEL);
  const log = (msg: string) => logger.info(msg);
  const db = await resolveDatabase(config);
  await runMigrations(db.url);
  const app = await createApp(config, db.url);
  await app.listen({ port: config.PORT, host: config.HOST });
  log(`Pledgewatch listening on http://${config.HOST}:${config.PORT}`);
  const shutdown = async (signal: string) => {
    log(`${signal}: draining requests and shutting down`);
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
