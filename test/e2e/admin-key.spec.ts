import { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createAdminKey } from '../../src/api-keys/admin-key';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { TestApp } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';

/** A JSON-lines logger (what the service writes when stdout is not a terminal) into `lines`. */
function jsonLogger(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write: (chunk: Buffer, _enc, done) => (
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>),
      done()
    ),
  });
  return pino({ level: 'info' }, stream);
}

const config = () => loadConfig({ SCHEDULER_ENABLED: 'false', PORT: '3999' });

describe('the first start without ADMIN_API_KEY', () => {
  let db: { url: string; drop: () => Promise<void> };
  const lines: Record<string, unknown>[] = [];
  let app: NestFastifyApplication;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(config(), db.url, jsonLogger(lines));
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('should log the new admin key once, in a field of its own that works as a key', async () => {
    const announced = lines.filter((l) => 'adminKey' in l);
    expect(announced).toEqual([
      expect.objectContaining({
        level: 40,
        adminKey: expect.stringMatching(/^pw_/),
        workbench: 'http://localhost:3999/',
        docs: 'http://localhost:3999/docs',
        msg: expect.not.stringContaining('\n'),
      }),
    ]);
    const res = await app.inject({
      url: '/v1/api-keys',
      headers: { authorization: `Bearer ${announced[0].adminKey as string}` },
    });
    expect(res.statusCode).toBe(200);
  });

  it("should log Nest's module and route mapping at debug, not among the info lines", () => {
    expect(lines.filter((l) => /Mapped \{|dependencies initialized/.test(String(l.msg)))).toEqual([]);
    expect(lines.length).toBeLessThan(10);
  });

  it('should log no key on the next start, an admin key being stored', async () => {
    const again: Record<string, unknown>[] = [];
    const second = await createApp(config(), db.url, jsonLogger(again));
    await second.close();
    expect(again.filter((l) => 'adminKey' in l)).toEqual([]);
  });

  it('should start with each of three ADMIN_API_KEYs that share a prefix, each key named apart and working', async () => {
    const keys = ['shared-prefix-one-0123456789abcdef0123', 'shared-prefix-two-0123456789abcdef0123'];
    keys.push('shared-prefix-three-0123456789abcdef01');
    for (const key of keys) {
      const started = await createApp(
        loadConfig({ SCHEDULER_ENABLED: 'false', PORT: '3999', ADMIN_API_KEY: key }),
        db.url,
        jsonLogger([]),
      );
      const fastify = started.getHttpAdapter().getInstance();
      const listed = await fastify.inject({
        url: '/v1/api-keys?limit=100',
        headers: { authorization: `Bearer ${key}` },
      });
      await started.close();
      expect(listed.statusCode).toBe(200);
    }
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        url: '/v1/api-keys?limit=100',
        headers: { authorization: `Bearer ${keys[2]}` },
      });
    const names = res.json<{ data: { name: string }[] }>().data.map((k) => k.name);
    expect(names.filter((n) => n.startsWith('admin (ADMIN_API_KEY)'))).toHaveLength(3);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('npm run admin-key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should create an admin key that works at once, with an audit row naming the command', async () => {
    const { id, secret } = await createAdminKey(t.databaseUrl, 'recovered by ops');
    const keys = await t.get('/v1/api-keys?limit=100', { key: secret });
    expect(keys.status).toBe(200);
    expect(keys.body.data).toContainEqual(
      expect.objectContaining({ id, name: 'recovered by ops', role: 'admin' }),
    );
    const audit = await t.get(`/v1/audit?entityType=api_key&entityId=${id}`);
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: expect.stringMatching(/^npm run admin-key \(.+\)$/),
        change: { name: 'recovered by ops', role: 'admin' },
      }),
    ]);
  });
});
