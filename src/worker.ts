import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createServer, Server } from 'node:http';
import { register } from 'prom-client';
import { createLogger, nestLogger } from './common/logger';
import { loadConfig } from './config';
import { WorkerModule } from './worker.module';

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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, config.DATABASE_URL), {
    logger: nestLogger(logger),
  });
  const metrics = config.WORKER_METRICS_PORT
    ? await serveMetrics(config.WORKER_METRICS_PORT, config.HOST)
    : null;
  logger.info(
    'Pledgewatch worker running: reminders every %d ms, webhook deliveries',
    config.REMINDER_POLL_MS,
  );
  const shutdown = async (signal: string) => {
    logger.info(`${signal}: stopping the worker`);
    metrics?.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** The worker has no API; this tiny listener lets Prometheus scrape its scheduler and delivery counters. */
async function serveMetrics(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
    register.metrics().then(
      (body) => res.writeHead(200, { 'content-type': register.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
