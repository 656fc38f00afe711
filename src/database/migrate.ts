import { loadConfig } from '../config';
import { runMigrations } from './data-source';
import { resolveDatabase } from './resolve';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const db = await resolveDatabase(loadConfig());
  try {
    const applied = await runMigrations(db.url);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
