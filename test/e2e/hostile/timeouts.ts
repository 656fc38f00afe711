import { Client } from 'pg';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';
import { rawExchange, stalledReader } from '../../helpers/raw-http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeouts and bounded exports', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await TestApp.start({
      DB_POOL_SIZE: '4',
      REQUEST_TIMEOUT_MS: '1500',
      HEADERS_TIMEOUT_MS: '1000',
      EXPORT_IDLE_TIMEOUT_MS: '1500',
      DB_STATEMENT_TIMEOUT_MS: '300',
    });
    port = Number(new URL(await t.listen()).port);
    const source = await createSource(t);
    const item = await createItem(t, pledgeBody(source.id));
    // 2,000 items of 10 KB each: an export of ~20 MB, far more than socket buffers hold.
    // Through a connection of its own: the app's have a 300 ms statement timeout.
    const setup = new Client({ connectionString: t.databaseUrl });
    await setup.connect();
    await setup.query(
      `INSERT INTO items (kind, title, statement, language, tags, initial_status, initial_status_since, status, status_since, created_by)
       SELECT kind, title || ' ' || n, repeat('x', 10000), language, tags, initial_status, initial_status_since, status, status_since, created_by
         FROM items, generate_series(1, 2000) n WHERE id = $1`,
      [item.id],
    );
    await setup.end();
  }, 60_000);
  afterAll(async () => t.close());

  const exportRequest = (key: string) =>
    `GET /v1/items/export?format=csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n\r\n`;

  it('leaves other requests answering 200 while ten export readers stall, and cuts the stalled one off', async () => {
    const readers = await Promise.all(
      Array.from({ length: 10 }, () => stalledReader(port, exportRequest(t.keys.viewer))),
    );
    try {
      const statuses = readers.map((r) => r.first.slice(9, 12)).sort();
      expect(statuses).toEqual(['200', ...Array(9).fill('429')]);
      // Give the one running export time to fill every buffer and stall.
      await sleep(300);
      const others = await Promise.all(Array.from({ length: 8 }, () => t.get('/v1/items?limit=5')));
      expect(others.map((r) => r.status)).toEqual(Array(8).fill(200));
      // Idle past EXPORT_IDLE_TIMEOUT_MS (1.5 s): the stalled export is cut off and its slot given back.
      let again = '429';
      for (let tries = 0; again === '429' && tries < 40; tries++) {
        await sleep(250);
        const reader = await stalledReader(port, exportRequest(t.keys.viewer));
        again = reader.first.slice(9, 12);
        reader.socket.destroy();
      }
      expect(again).toBe('200');
    } finally {
      for (const r of readers) r.socket.destroy();
    }
  }, 30_000);

  it('cuts off a request whose body never finishes with 408 problem details', async () => {
    const startedAt = Date.now();
    const answer = await rawExchange(
      port,
      `POST /v1/sources HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.keys.editor}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`,
      '{"url":',
      4000,
    );
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toMatch(/"code":"REQUEST.TIMEOUT"/);
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });

  it('answers headers over 16 KB with 431 problem details', async () => {
    const answer = await rawExchange(
      port,
      `GET /v1/items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1.1 431/);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toMatch(/"code":"REQUEST.HEADERS_TOO_LARGE"/);
  });

  it('answers a statement that runs past the statement timeout with 503 and Retry-After', async () => {
    const locker = new Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE actors IN ACCESS EXCLUSIVE MODE');
      const res = await t.get('/v1/actors');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.code).toBe('DATABASE.UNAVAILABLE');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });
});
