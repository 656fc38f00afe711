import { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { createTestDatabase } from '../helpers/database';

const ADMIN_KEY = 'logging-admin-key-0123456789abcdefghijklmnop';

describe('log lines of a request', () => {
  const lines: Record<string, unknown>[] = [];
  let app: NestFastifyApplication;
  let db: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    db = await createTestDatabase();
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => (
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>),
        done()
      ),
    });
    const config = loadConfig({ ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false' });
    app = await createApp(config, db.url, pino({ level: 'info' }, stream));
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const byRequest = (id: string) => lines.filter((l) => l.reqId === id);

  it('should carry the request id on every line, the same as in the response', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/sources',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'x-request-id': 'log-ok-1' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('log-ok-1');
    expect(byRequest('log-ok-1').map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it("should log a failing request's error through Nest's Logger with message, stack and request id", async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('ALTER TABLE sources RENAME TO sources_gone');
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/v1/sources',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'x-request-id': 'log-fail-1' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ requestId: 'log-fail-1' });
    } finally {
      await client.query('ALTER TABLE sources_gone RENAME TO sources');
      await client.end();
    }
    const failed = byRequest('log-fail-1').find((l) => l.context === 'ProblemFilter');
    expect(failed).toMatchObject({
      level: 50,
      msg: 'request failed',
      err: { message: expect.stringContaining('sources') },
    });
    expect((failed?.err as { stack: string }).stack).toMatch(/\n\s+at /);
  });

  it('should write a feed token in no log line and no metric, only its first eight characters', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/feeds',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      payload: { kind: 'changes' },
    });
    expect(created.statusCode).toBe(201);
    const { token } = created.json<{ token: string }>();
    const unknown = `pwf_${'Q'.repeat(43)}`;
    const urls = [`/feeds/${token}.atom`, `/feeds/${token}.atom?before=x`, `/feeds/${unknown}.ics`];
    for (const [i, url] of urls.entries())
      await app.inject({ method: 'GET', url, headers: { 'x-request-id': `log-feed-${i}` } });
    const logged = urls.flatMap((_, i) => byRequest(`log-feed-${i}`));
    expect(logged.map((l) => (l.req as { url?: string } | undefined)?.url).filter(Boolean)).toEqual([
      `/feeds/${token.slice(0, 8)}….atom`,
      `/feeds/${token.slice(0, 8)}….atom?before=x`,
      `/feeds/pwf_QQQQ….ics`,
    ]);
    const everything = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(everything).not.toContain(token.slice(8));
    expect(everything).not.toContain(unknown.slice(8));
    const metrics = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(metrics.body).toContain('route="/feeds/:file"');
    expect(metrics.body).not.toContain(token.slice(8));
  });
});
