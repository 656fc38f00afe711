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
 */
export default async function globalSetup(): Promise<void> {
  // Inside node_modules so the compiled validators can require ajv-formats.
  const cache = join(__dirname, '../../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const contractDir = mkdtempSync(join(cache, 'pledgewatch-contract-'));
  const document = await previewDocument(loadConfig({}));
  compileContract(document, contractDir);
  // Its own process: it runs while PostgreSQL starts and the template is migrated.
  const client = generateHeyApiClient(document, join(contractDir, 'openapi.json'));
  client.catch(() => undefined); // awaited below; not unhandled if PostgreSQL fails first
  process.env.PLEDGEWATCH_CONTRACT_DIR = contractDir;
  const pages = buildWorkbench();
  pages.catch(() => undefined); // awaited below, like the client
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-test-'));
    chmodSync(dir, 0o755); // initdb runs as the postgres user
    const db = await startEmbeddedPostgres(join(dir, 'pg'), {
      persistent: false,
      flags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    });
    (globalThis as { __PLEDGEWATCH_DB__?: typeof db }).__PLEDGEWATCH_DB__ = db;
    adminUrl = db.url;
  }
  process.env.PLEDGEWATCH_TEST_ADMIN_URL = adminUrl;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  await client;
  await pages;
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
