import { AppConfig } from '../config';
import { startEmbeddedPostgres } from './embedded';

/** DATABASE_URL when set; otherwise an embedded PostgreSQL under DATA_DIR/postgres. */
export async function resolveDatabase(
  config: AppConfig,
): Promise<{ url: string; stop: () => Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: () => Promise.resolve() };
  // The server stops it itself, after draining requests (see shutdown.ts).
  return startEmbeddedPostgres(`${config.DATA_DIR}/postgres`, { stopsItselfOnSignals: false });
}
