import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { ApiKeysService } from '../../src/api-keys/api-keys.service';
import { loadConfig } from '../../src/config';
import { ContractChecker } from '../contract/checker';
import { createTestDatabase } from './database';

const CONTRACT_DIR = process.env.PLEDGEWATCH_CONTRACT_DIR;
/** Every response a test receives through TestApp is checked against the OpenAPI document. */
const contract = CONTRACT_DIR ? ContractChecker.load(CONTRACT_DIR) : null;

/** For responses a test receives over a real connection: throws when one differs from the contract. */
export function checkContract(
  method: string,
  url: string,
  status: number,
  headers: Record<string, unknown>,
  text: string,
): void {
  const mismatch = contract?.check(method, url, status, headers, text);
  if (mismatch) throw new Error(`Contract mismatch: ${mismatch}`);
}

export const ADMIN_KEY = 'test-admin-key-0123456789abcdefghijklmnop';
export const NATO_TEXT = readFileSync(join(__dirname, '../fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');

export interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape, asserted by each test
  text: string;
}

export interface RequestOptions {
  key?: string | null;
  headers?: Record<string, string>;
  payload?: unknown;
  /** Raw body sent as is (for malformed JSON and content-type tests). */
  raw?: string;
}

/** Tests fire requests far faster than a person; rate-limit.spec.ts lowers the limit to test it. */
function testConfig(env: Record<string, string>) {
  return loadConfig({
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: ADMIN_KEY,
    SCHEDULER_ENABLED: 'false',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_ADDRESS_PER_MINUTE: '1000000',
    ...env,
  });
}

/**
 * The whole service on its own database, driven through Fastify's inject (no port needed).
 * `keys` has an editor and a viewer key besides the admin one.
 */
export class TestApp {
  keys = { admin: ADMIN_KEY, editor: '', viewer: '' };

  private constructor(
    readonly app: NestFastifyApplication,
    readonly databaseUrl: string,
    private readonly drop: () => Promise<void>,
    private readonly poolUrl = databaseUrl,
    private readonly settings: Record<string, string> = {},
  ) {}

  /** A second replica of the service on the same database, with the same settings (the caller closes it). */
  replica(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    return createApp(testConfig({ ...this.settings, ...env }), this.poolUrl);
  }

  /**
   * `through`, when given, puts something between the service and its fresh database (a pooler):
   * it gets the database's direct URL and answers the URL the service's pool should use; the
   * direct one stays DATABASE_DIRECT_URL (LISTEN, migrations).
   */
  static async start(
    env: Record<string, string> = {},
    through?: (directUrl: string) => Promise<string>,
  ): Promise<TestApp> {
    const db = await createTestDatabase();
    const poolUrl = through ? await through(db.url) : db.url;
    const settings = { ...(through ? { DATABASE_DIRECT_URL: db.url } : {}), ...env };
    const app = await createApp(testConfig(settings), poolUrl);
    return TestApp.withKeys(new TestApp(app, db.url, db.drop, poolUrl, settings));
  }

  /**
   * The service on a database the caller made and migrated (a PostgreSQL 15 primary with a
   * streaming replica); `drop` runs on close.
   */
  static async startOn(
    databaseUrl: string,
    env: Record<string, string> = {},
    drop: () => Promise<void> = () => Promise.resolve(),
  ): Promise<TestApp> {
    const app = await createApp(testConfig(env), databaseUrl);
    return TestApp.withKeys(new TestApp(app, databaseUrl, drop, databaseUrl, env));
  }

  private static async withKeys(t: TestApp): Promise<TestApp> {
    const keys = t.app.get(ApiKeysService);
    t.keys.editor = (await keys.create('editor-key', 'editor', 'test')).secret;
    t.keys.viewer = (await keys.create('viewer-key', 'viewer', 'test')).secret;
    return t;
  }

  /** Serves on a loopback port as well (for tests that need real sockets); returns the base URL. */
  async listen(): Promise<string> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${new URL(await this.app.getUrl()).port}`;
  }

  get db(): DataSource {
    return this.app.get(getDataSourceToken());
  }

  async request(method: string, url: string, options: RequestOptions = {}): Promise<Response> {
    const key = options.key === undefined ? this.keys.admin : options.key;
    const headers: Record<string, string> = {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...options.headers,
    };
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (options.payload !== undefined) {
      payload = JSON.stringify(options.payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.inject({ method: method as 'GET', url, headers, payload });
    let body: unknown = undefined;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      body = undefined;
    }
    checkContract(method, url, res.statusCode, res.headers, res.body);
    return { status: res.statusCode, headers: res.headers, body, text: res.body };
  }

  get = (url: string, o?: RequestOptions) => this.request('GET', url, o);
  post = (url: string, payload?: unknown, o?: RequestOptions) => this.request('POST', url, { payload, ...o });
  patch = (url: string, payload?: unknown, o?: RequestOptions) =>
    this.request('PATCH', url, { payload, ...o });
  delete = (url: string, o?: RequestOptions) => this.request('DELETE', url, o);

  /**
   * Runs `change` (migrations undone down to the baseline and run again, which empties api_keys),
   * then puts this app's keys back, so that later requests do not depend on the key cache's TTL.
   */
  async keepingKeys(change: () => Promise<void>): Promise<void> {
    const [{ rows }] = await this.db.query(`SELECT coalesce(jsonb_agg(k), '[]') AS rows FROM api_keys k`);
    await change();
    await this.db.query(
      `INSERT INTO api_keys SELECT * FROM jsonb_populate_recordset(NULL::api_keys, $1) ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async count(table: string): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  async close(): Promise<void> {
    if (contract && CONTRACT_DIR) contract.record(CONTRACT_DIR, expect.getState().testPath ?? 'unknown');
    await this.app.close();
    await this.drop();
  }
}
