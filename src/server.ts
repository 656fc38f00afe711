import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { announceFirstAdminKey, createLogger } from './common/logger';
import { AppConfig } from './config';
import { runMigrations } from './database/data-source';
import { resolveDatabase } from './database/resolve';
import { closeOnSignal } from './shutdown';

export interface StartedServer {
  app: NestFastifyApplication;
  /** The admin key this start created (a first start without ADMIN_API_KEY), else null. */
  firstAdminKey: string | null;
}

/**
 * Database (embedded unless DATABASE_URL), migrations, HTTP server; SIGTERM/SIGINT drain requests,
 * close the app (scheduler, pool) and stop the embedded database. A first admin key is logged
 * last, after the listening line, unless the caller prints it itself (`announce: false`).
 */
export async function startServer(config: AppConfig, { announce = true } = {}): Promise<StartedServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const log = (msg: string) => logger.info(msg);
  const db = await resolveDatabase(config);
  await runMigrations(config.DATABASE_DIRECT_URL ?? db.url);
  let firstAdminKey: string | null = null;
  const app = await createApp(config, db.url, logger, { onFirstAdminKey: (key) => (firstAdminKey = key) });
  await app.listen({ port: config.PORT, host: config.HOST });
  log(`Pledgewatch listening on http://${config.HOST}:${config.PORT}`);
  closeOnSignal(app, db.stop, { graceMs: config.SHUTDOWN_GRACE_MS, log });
  if (firstAdminKey && announce) announceFirstAdminKey(logger, firstAdminKey, config.PORT);
  return { app, firstAdminKey };
}
