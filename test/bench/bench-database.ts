import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded';

/**
 * A fresh database `name` for a benchmark: on DATABASE_URL's server when set, else on an embedded
 * PostgreSQL in a temporary directory (started with `flags`); `stop` removes what it started.
 * `reuse` (DATABASE_URL only) keeps the database when it exists, e.g. one loaded by an earlier run.
 */
export async function benchDatabase(
  name: string,
  flags: string[] = [],
  { reuse = false } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  let adminUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), `${name}-`));
    chmodSync(dir, 0o755); // initdb runs as the postgres user
    embedded = await startEmbeddedPostgres(join(dir, 'pg'), { persistent: false, flags });
    adminUrl = embedded.url;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  if (!(reuse && exists)) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      await embedded?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
