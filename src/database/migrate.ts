import { loadConfig } from '../config';
import { runMigrations } from './data-source';
import { resolveDatabase } from './resolve';

/**
 * `npm run migration:run`: applies pending migrations to DATABASE_DIRECT_URL, else DATABASE_URL
 * (or the embedded database).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase(config);
  try {
    const applied = await runMigrations(config.DATABASE_DIRECT_URL ?? db.url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
