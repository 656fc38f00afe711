import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { freePort } from '../../src/database/embedded';
import { ADMIN_KEY } from '../helpers/app';
import { PostgresProcess, startPostgresProcess } from '../helpers/postgres-process';

/** The promise, not a benchmark: no request waits longer than this for a lost database. */
const FAIL_FAST_MS = 5000;

interface Outcome {
  status: number;
  ms: number;
  id?: string;
  contentType: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * A PostgreSQL of its own (stopped and started again on the same port) under a write load:
 * every acknowledged write survives, failures are fast 503s, and the service recovers by itself.
 */
describe('when the database goes away', () => {
  let dir: string;
  let port: number;
  let db: PostgresProcess;
  let app: NestFastifyApplication;
  let serial = 0;

  const start = async () => (db = await startPostgresProcess(join(dir, 'pg'), port));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pledgewatch-faults-'));
    chmodSync(dir, 0o755); // initdb runs as the postgres user
    port = await freePort();
    await start();
    await runMigrations(db.url);
    const config = loadConfig({
      LOG_LEVEL: process.env.FAULTS_LOG ?? 'silent',
      ADMIN_API_KEY: ADMIN_KEY,
      SCHEDULER_ENABLED: 'false',
      DB_POOL_SIZE: '4',
      DB_CONNECT_TIMEOUT_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    app = await createApp(config, db.url);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const write = async (): Promise<Outcome> => {
    const started = Date.now();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/actors',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: `Load actor ${++serial}`, kind: 'organization' }),
    });
    const id = res.statusCode === 201 ? (JSON.parse(res.body).id as string) : undefined;
    return {
      status: res.statusCode,
      ms: Date.now() - started,
      id,
      contentType: String(res.headers['content-type']),
    };
  };

  /** Four writers until `done`; the returned promise resolves with every outcome. */
  const load = (outcomes: Outcome[], done: { value: boolean }) =>
    Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!done.value) {
          outcomes.push(await write());
          await sleep(10);
        }
      }),
    );

  const ready = async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode;

  const stored = async (ids: string[]): Promise<number> => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const [row] = (await c.query(`SELECT count(*)::int AS n FROM actors WHERE id = ANY($1::uuid[])`, [ids]))
        .rows;
      return row.n;
    } finally {
      await c.end();
    }
  };

  function expectHonestAnswers(outcomes: Outcome[]) {
    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    expect(unexpected).toEqual([]);
    const failures = outcomes.filter((o) => o.status === 503);
    expect(failures.every((o) => o.contentType.startsWith('application/problem+json'))).toBe(true);
    expect(failures.filter((o) => o.ms > FAIL_FAST_MS)).toEqual([]);
  }

  it('should answer 503 fast while PostgreSQL is down, keep every acknowledged write, and recover without a restart', async () => {
    const outcomes: Outcome[] = [];
    const done = { value: false };
    const running = load(outcomes, done);
    try {
      await waitFor('writes before the outage', () => outcomes.filter((o) => o.status === 201).length >= 20);
      await db.stop();
      const down = outcomes.length;
      await waitFor(
        '503s during the outage',
        () => outcomes.slice(down).filter((o) => o.status === 503).length >= 8,
      );
      expect(await ready()).toBe(503);
      await start();
      const back = outcomes.length;
      await waitFor(
        'writes after recovery',
        () => outcomes.slice(back).filter((o) => o.status === 201).length >= 20,
      );
    } finally {
      done.value = true;
      await running;
    }
    expectHonestAnswers(outcomes);
    const acknowledged = outcomes.filter((o) => o.id).map((o) => o.id as string);
    expect(await stored(acknowledged)).toBe(acknowledged.length);
    await waitFor('readiness after recovery', async () => (await ready()) === 200);
  }, 90_000);

  it('should survive its connections being killed under load', async () => {
    const outcomes: Outcome[] = [];
    const done = { value: false };
    const running = load(outcomes, done);
    const killer = new Client({ connectionString: db.url });
    await killer.connect();
    try {
      for (let round = 0; round < 5; round++) {
        const before = outcomes.filter((o) => o.status === 201).length;
        await waitFor(
          'writes between kills',
          () => outcomes.filter((o) => o.status === 201).length >= before + 5,
        );
        await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      }
      const after = outcomes.filter((o) => o.status === 201).length;
      await waitFor(
        'writes after the last kill',
        () => outcomes.filter((o) => o.status === 201).length >= after + 10,
      );
    } finally {
      done.value = true;
      await running;
      await killer.end();
    }
    expectHonestAnswers(outcomes);
    const acknowledged = outcomes.filter((o) => o.id).map((o) => o.id as string);
    expect(await stored(acknowledged)).toBe(acknowledged.length);
  }, 90_000);
});
