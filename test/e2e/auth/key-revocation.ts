import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ADMIN_KEY, TestApp } from '../../helpers/app';

/**
 * Two replicas on one database, each caching authenticated keys for a minute: only the
 * LISTEN/NOTIFY path can make a revocation on one reach the other within a second.
 */
describe('caches across replicas (API keys, public pages, the change counter)', () => {
  const CACHE = { API_KEY_CACHE_TTL_MS: '60000' };
  let a: TestApp;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    a = await TestApp.start(CACHE);
    b = await a.replica();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const onB = async (key: string, url = '/v1/items') =>
    (await b.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).statusCode;

  /** Asks B every 50 ms, for one second at most, until it refuses the key; answers B's last status. */
  async function statusOnBWithinASecond(key: string): Promise<number> {
    const until = Date.now() + 1000;
    let status = await onB(key);
    while (status !== 401 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await onB(key);
    }
    return status;
  }

  async function newKey(name: string, role = 'viewer'): Promise<{ id: string; key: string }> {
    const created = await a.post('/v1/api-keys', { name, role });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('should refuse on replica B, within a second, a key revoked on replica A', async () => {
    const { id, key } = await newKey('dashboard on two replicas');
    expect(await onB(key)).toBe(200); // B now holds it in its cache
    expect((await a.delete(`/v1/api-keys/${id}`)).status).toBe(204);
    expect((await a.get('/v1/items', { key })).status).toBe(401); // A forgets it at once
    expect(await statusOnBWithinASecond(key)).toBe(401);
  });

  it('should answer 404 on replica B, within a second, for a page unpublished on replica A', async () => {
    const created = await a.post('/v1/publications', { title: 'Two replicas', filter: {} });
    expect(created.status).toBe(201);
    const pageOnB = async () => (await b.inject({ method: 'GET', url: '/p/two-replicas' })).statusCode;
    expect(await pageOnB()).toBe(200); // B now keeps the publication row and the rendered page
    expect((await a.delete(`/v1/publications/${created.body.id}`)).status).toBe(204);
    expect((await a.get('/p/two-replicas', { key: null })).status).toBe(404); // A forgets it at once
    const until = Date.now() + 1000;
    let status = await pageOnB();
    while (status !== 404 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await pageOnB();
    }
    expect(status).toBe(404);
  });

  it('should refuse everywhere a key revoked directly in the database', async () => {
    const { id, key } = await newKey('revoked by SQL');
    expect(await onB(key)).toBe(200);
    expect((await a.get('/v1/items', { key })).status).toBe(200);
    await a.db.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
    expect(await statusOnBWithinASecond(key)).toBe(401);
    expect((await a.get('/v1/items', { key })).status).toBe(401);
  });

  it('should serve a cached key without looking it up again until told of a change', async () => {
    const { id, key } = await newKey('promoted behind the cache');
    expect(await onB(key, '/v1/api-keys')).toBe(403); // a viewer, now cached
    await a.db.query(`ALTER TABLE api_keys DISABLE TRIGGER api_keys_notify`);
    try {
      await a.db.query(`UPDATE api_keys SET role = 'admin' WHERE id = $1`, [id]);
    } finally {
      await a.db.query(`ALTER TABLE api_keys ENABLE TRIGGER api_keys_notify`);
    }
    expect(await onB(key, '/v1/api-keys')).toBe(403); // still the cached viewer: no lookup
    await a.db.query(`UPDATE api_keys SET name = name WHERE id = $1`, [id]); // notifies
    const until = Date.now() + 1000;
    let status = await onB(key, '/v1/api-keys');
    while (status !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await onB(key, '/v1/api-keys');
    }
    expect(status).toBe(200);
  });

  it('should give replica B a new stats ETag within a second of a write on replica A', async () => {
    const statsOnB = (etag?: string) =>
      b.inject({
        method: 'GET',
        url: '/v1/stats/status',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const etag = String((await statsOnB()).headers.etag);
    expect((await statsOnB(etag)).statusCode).toBe(304);
    expect((await a.post('/v1/actors', { name: 'Written on A', kind: 'person' })).status).toBe(201);
    const until = Date.now() + 1000;
    let status = (await statsOnB(etag)).statusCode;
    while (status === 304 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await statsOnB(etag)).statusCode;
    }
    expect(status).toBe(200);
  });
});
