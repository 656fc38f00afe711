import 'reflect-metadata';
import { loadConfig } from './config';
import { createApp } from './app.factory';
import { runMigrations } from './database/data-source';
import { resolveDatabase } from './database/resolve';

/** `npm start`: database (embedded unless DATABASE_URL), migrations, then serve until SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase(config);
  await runMigrations(db.url);
  const app = await createApp(config, db.url);
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(JSON.stringify({ level: 'info', msg: `Pledgewatch listening on http://${config.HOST}:${config.PORT}` }));
  const shutdown = async (signal: string) => {
    console.log(JSON.stringify({ level: 'info', msg: `${signal}: draining` }));
    await app.close();
    await db.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
