import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { closeOnSignal } from '../../src/shutdown';
import { ADMIN_KEY } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';
import { PLEDGE_QUOTE } from '../helpers/factories';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** One HTTP request on its own connection to 127.0.0.1. */
function send(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          authorization: `Bearer ${ADMIN_KEY}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

describe('SIGTERM', () => {
  let app: NestFastifyApplication;
  let port: number;
  let databaseUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createTestDatabase());
    app = await createApp(
      loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false' }),
      databaseUrl,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(await app.getUrl()).port);
  });
  afterAll(async () => drop());

  it('should let a slow request finish, refuse new connections, then close the pool and stop the database', async () => {
    const source = await send(port, 'POST', '/v1/sources', {
      url: 'https://example.org/shutdown',
      title: 'Shutdown',
      language: 'fr',
      text: `Les Alliés ${PLEDGE_QUOTE} chaque année.`,
    });
    const item = await send(port, 'POST', '/v1/items', {
      kind: 'commitment',
      title: 'Slow one',
      statement: 'A pledge',
      language: 'en',
      status: 'proposed',
      citations: [{ sourceId: JSON.parse(source.body).id, role: 'origin', quote: PLEDGE_QUOTE }],
    });
    expect(item.status).toBe(201);
    const itemId = JSON.parse(item.body).id;

    // The PATCH below waits on this row lock: a request that is in flight for as long as we like.
    const locker = new Client({ connectionString: databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM items WHERE id = $1 FOR UPDATE', [itemId]);
    const slow = send(
      port,
      'PATCH',
      `/v1/items/${itemId}`,
      { title: 'Finished during shutdown' },
      { 'if-match': '"1"' },
    );
    await waitFor('the PATCH to wait on the lock', async () => {
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      return rows[0].n > 0;
    });

    const signals = new EventEmitter();
    let databaseStopped = false;
    const exited = new Promise<number>((resolve) =>
      closeOnSignal(
        app,
        () => {
          databaseStopped = true;
          return Promise.resolve();
        },
        { graceMs: 20_000, log: () => undefined, signals, exit: resolve },
      ),
    );
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    signals.emit('SIGTERM');

    await waitFor('new connections to be refused', () => refusesConnections(port));
    expect(slowDone).toBe(false);
    expect(databaseStopped).toBe(false);

    await locker.query('COMMIT');
    await locker.end();
    const finished = await slow;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body).title).toBe('Finished during shutdown');

    expect(await exited).toBe(0);
    expect(databaseStopped).toBe(true);
    expect(app.get<DataSource>(getDataSourceToken()).isInitialized).toBe(false);
  }, 60_000);
});
