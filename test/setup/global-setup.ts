import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { previewDocument } from '../../src/openapi/preview';
import { compileContract } from '../contract/compile';
import { startEmbeddedPostgres } from '../../src/database/embedded';
import { TEMPLATE_DB, withDatabase } from '../helpers/database';
import { buildWorkbench } from '../../src/workbench/build';

/**
 * Once per `npm test`: a PostgreSQL (DATABASE_URL, or an embedded one in a temp dir), and a
 * template database with every migration applied. Each test file clones the template. The
 * OpenAPI document's response schemas are compiled once for the contract check (test/contract).
 * The workbench's pages are built once here too: the browser specs run side by side in Jest's
 * workers and serve the same build (a build per file would delete the one another file serves).
 * The database comes first and the rest is done while it starts (initdb and PostgreSQL are other
 * processes): no test runs before all of it is ready, so this is time every run waits.
 */
export default async function globalSetup(): Promise<void> {
  const database = migratedTemplate();
  database.catch(() => undefined); // awaited below; not unhandled if the contract fails first
  // Inside node_modules so the compiled validators can require ajv-formats.
  const cache = join(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const contractDir = mkdtempSync(join(cache, 'pledgewatch-contract-'));
  const document = await previewDocument(loadConfig({}));
  compileContract(document, contractDir);
  // Its own process, like PostgreSQL.
  const client = generateHeyApiClient(document, join(contractDir, 'openapi.json'));
  client.catch(() => undefined); // awaited below, like the database
  process.env.PLEDGEWATCH_CONTRACT_DIR = contractDir;
  const pages = buildWorkbench();
  pages.catch(() => undefined);
  process.env.PLEDGEWATCH_TEST_ADMIN_URL = await database;
  await client;
  await pages;
}

/** The admin URL of a PostgreSQL whose TEMPLATE_DB has every migration applied. */
async function migratedTemplate(): Promise<string> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-test-'));
    chmodSync(dir, 0o755); // initdb runs as the postgres user
    const db = await startEmbeddedPostgres(join(dir, 'pg'), {
      persistent: false,
      initdbFlags: ['--no-sync'],
      flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    });
    (globalThis as { __PLEDGEWATCH_DB__?: typeof db }).__PLEDGEWATCH_DB__ = db;
    adminUrl = db.url;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  return adminUrl;
}

/**
 * The second generator's client (test/client/hey-api/, not committed), written from this run's
 * document, so test/e2e/typed-client.spec.ts runs on a fresh clone without `npm run client:check`.
 */
async function generateHeyApiClient(document: object, file: string): Promise<void> {
  writeFileSync(file, JSON.stringify(document));
  const root = join(__dirname, '../..');
  await promisify(execFile)(
    join(root, 'node_modules/.bin/openapi-ts'),
    ['-i', file, '-o', join(root, 'test/client/hey-api'), '-c', '@hey-api/client-fetch', '--no-log-file'],
    { cwd: root },
  );
}
