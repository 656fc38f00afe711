import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded';
import { declarationDrift } from './drift';
import { dumpSchema, firstDifference, withClient } from './dump';
import { legacyMigrations, runLegacyMigrations } from './legacy';

/**
 * `npm run schema:write` / `npm run schema:check` (docs/adr/0002, 0005):
 * 1. applies every migration to an empty database and prints its schema (./dump.ts) into
 *    `schema.sql`; the check fails when the committed file differs;
 * 2. fails when a function or trigger in that database differs from its declaration in
 *    src/database/functions/ (./drift.ts);
 * 3. builds the upgrade path too: the migrations the baseline squashed (from git history,
 *    ./legacy.ts), then this release's. It must end with the same schema, and with functions
 *    equal to their declarations: a declaration edited without a migration that re-applies it
 *    fails here. Skipped, with a message, in a checkout without that history.
 */
const SNAPSHOT = join(__dirname, '../../../schema.sql');

/** A server: DATABASE_URL's, or an embedded PostgreSQL in a temp dir. `newDatabase` makes empty ones. */
async function withServer<T>(
  work: (newDatabase: (name: string) => Promise<string>) => Promise<T>,
): Promise<T> {
  let server = process.env.DATABASE_URL;
  let stop = () => Promise.resolve();
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-schema-'));
    chmodSync(dir, 0o755); // initdb runs as the postgres user when we are root
    const db = await startEmbeddedPostgres(join(dir, 'pg'), {
      persistent: false,
      flags: ['-c', 'fsync=off'],
    });
    server = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const created: string[] = [];
  const newDatabase = async (name: string) => {
    const database = `pledgewatch_schema_${name}_${process.pid}`;
    await withClient(server, (admin) => admin.query(`CREATE DATABASE ${database}`));
    created.push(database);
    const url = new URL(server);
    url.pathname = `/${database}`;
    return url.toString();
  };
  try {
    return await work(newDatabase);
  } finally {
    await withClient(server, async (admin) => {
      for (const database of created) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
    await stop();
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const problems: string[] = [];
  const schema = await withServer(async (newDatabase) => {
    const fresh = await newDatabase('fresh');
    await runMigrations(fresh);
    const migrated = await dumpSchema(fresh);
    for (const drift of await withClient(fresh, declarationDrift)) problems.push(`fresh database: ${drift}`);

    const version = await withClient(fresh, (c) =>
      c.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`),
    );
    // The squashed StatusPeriodsCreationOrder needed PostgreSQL 18 (a named NOT NULL constraint).
    const legacy =
      version.rows[0].v >= 180000
        ? legacyMigrations()
        : { unavailable: 'the squashed migrations need PostgreSQL 18' };
    if ('unavailable' in legacy) console.log(`upgrade path not checked: ${legacy.unavailable}`);
    else {
      const upgraded = await newDatabase('upgraded');
      await runLegacyMigrations(upgraded, legacy.migrations);
      await runMigrations(upgraded);
      const difference = firstDifference(migrated, await dumpSchema(upgraded));
      if (difference) problems.push(`the upgraded database differs from a fresh one at ${difference}`);
      for (const drift of await withClient(upgraded, declarationDrift))
        problems.push(`upgraded database: ${drift}`);
      console.log(`upgrade path built: ${legacy.migrations.length} squashed migrations, then this release's`);
    }
    return migrated;
  });
  if (!check) writeFileSync(SNAPSHOT, schema);
  else {
    const difference = firstDifference(readFileSync(SNAPSHOT, 'utf8'), schema);
    if (difference)
      problems.push(
        `schema.sql does not match the migrations at ${difference}\n` +
          'Run `npm run schema:write` and commit schema.sql with the migration.',
      );
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
    return;
  }
  console.log(
    check
      ? 'schema.sql matches the migrations and the declarations'
      : `schema.sql written (${schema.split('\n').length} lines)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
