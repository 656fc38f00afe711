import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { TestApp } from '../helpers/app';
import { createSource, pledgeBody } from '../helpers/factories';
import { hasPgBouncer, PgBouncer, PGBOUNCER, startPgBouncer } from '../helpers/pgbouncer';

/**
 * The service behind Debian's PgBouncer in transaction mode, as most teams run PostgreSQL under
 * many app replicas: each transaction may get another server connection, so nothing may rely on
 * session state. LISTEN (key revocation, the change counter) goes over DATABASE_DIRECT_URL.
 */
describe('through PgBouncer in transaction mode', () => {
  let bouncer: PgBouncer;
  let a: TestApp;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    if (!hasPgBouncer()) throw new Error(`${PGBOUNCER} is missing: apt-get install pgbouncer (.ci/run does)`);
    a = await TestApp.start({ API_KEY_CACHE_TTL_MS: '60000' }, async (direct) => {
      bouncer = await startPgBouncer(direct);
      return bouncer.url;
    });
    b = await a.replica();
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await bouncer?.stop();
  });

  it('should record, update, list, count and export a pledge through the pooler', async () => {
    const source = await createSource(a);
    const created = await a.post('/v1/items', pledgeBody(source.id));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const updated = await a.post(`/v1/items/${id}/updates`, {
      status: 'in_progress',
      note: 'first tranche announced',
    });
    expect(updated.status).toBe(201);
    const item = await a.get(`/v1/items/${id}`);
    expect(item.body.status).toBe('in_progress');
    const again = await a.get(`/v1/items/${id}`, {
      headers: { 'if-none-match': item.headers.etag as string },
    });
    expect(again.status).toBe(304);
    expect((await a.get('/v1/items?limit=5')).body.data).toHaveLength(1);
    const stats = await a.get('/v1/stats/status');
    expect(stats.status).toBe(200);
    const exported = await a.get('/v1/items/export?format=ndjson');
    expect(exported.status).toBe(200);
    expect(exported.text.trim().split('\n')).toHaveLength(1);
  });

  it('should leave no session setting behind on the pooled server connections', async () => {
    await a.get('/v1/items/export?format=csv');
    // Each query here may land on any server connection of the pool.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const client = new Client({ connectionString: bouncer.url });
      await client.connect();
      const { rows } = await client.query<{ statement_timeout: string }>('SHOW statement_timeout');
      seen.add(rows[0].statement_timeout);
      await client.end();
    }
    expect([...seen]).toEqual(['30s']);
  });

  it('should refuse on replica B, within a second, a key revoked on replica A', async () => {
    const created = await a.post('/v1/api-keys', { name: 'dashboard behind the pooler', role: 'viewer' });
    const { id, key } = created.body as { id: string; key: string };
    const onB = async () =>
      (await b.inject({ method: 'GET', url: '/v1/items', headers: { authorization: `Bearer ${key}` } }))
        .statusCode;
    expect(await onB()).toBe(200);
    expect((await a.delete(`/v1/api-keys/${id}`)).status).toBe(204);
    const until = Date.now() + 1000;
    let status = await onB();
    while (status !== 401 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await onB();
    }
    expect(status).toBe(401);
  });
});
