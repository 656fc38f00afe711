import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ExportSlots } from '../../src/items/export-slots';
import { TestApp } from '../helpers/app';
import { RedisProcess, startRedis } from '../helpers/redis';
import { replicasOnRedis, ReplicasOnRedis } from '../helpers/replicas-on-redis';

/**
 * Two replicas counting in one Redis (Debian's redis-server): a limit is one limit whatever the
 * number of replicas, and the service keeps serving, counting locally, while Redis is away.
 */
describe('limits shared across replicas in Redis', () => {
  let replicas: ReplicasOnRedis;
  let redis: RedisProcess;
  let a: TestApp;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    replicas = await replicasOnRedis({ RATE_LIMIT_PER_MINUTE: '10', AUTH_FAILURES_PER_MINUTE: '4' });
    ({ redis, a, b } = replicas);
  });
  afterAll(() => replicas?.close());

  const onB = async (key: string | null, url = '/v1/items?limit=1', remoteAddress = '127.0.0.1') =>
    b.inject({
      method: 'GET',
      url,
      remoteAddress,
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });

  it('should refuse the 11th request of one key spread over two replicas', async () => {
    const key = (await a.post('/v1/api-keys', { name: 'two replicas', role: 'viewer' })).body.key as string;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await a.get('/v1/items?limit=1', { key })).status);
      statuses.push((await onB(key)).statusCode);
    }
    expect(statuses).toEqual(Array(10).fill(200));
    const eleventh = await onB(key);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['x-ratelimit-remaining']).toBe('0');
    expect((await a.get('/v1/items?limit=1', { key })).status).toBe(429);
    // The budget is the key's own: another key still gets through on both replicas.
    expect((await a.get('/v1/items?limit=1', { key: a.keys.viewer })).status).toBe(200);
    expect((await onB(a.keys.viewer)).statusCode).toBe(200);
  });

  it('should count failed authentications of one address across replicas', async () => {
    const address = '192.0.2.77';
    const guess = (i: number) => `pw_shared0${i}${'x'.repeat(40)}`;
    const first = async (i: number) =>
      (
        await a.app.inject({
          method: 'GET',
          url: '/v1/items?limit=1',
          remoteAddress: address,
          headers: { authorization: `Bearer ${guess(i)}` },
        })
      ).statusCode;
    expect([await first(1), await first(2)]).toEqual([401, 401]);
    expect([
      (await onB(guess(3), undefined, address)).statusCode,
      (await onB(guess(4), undefined, address)).statusCode,
    ]).toEqual([401, 401]);
    // Four failures in all, two on each replica: the prefix is now blocked on both.
    expect((await onB(guess(5), undefined, address)).statusCode).toBe(429);
  });

  it("should count a key's running exports across replicas", async () => {
    const onA = a.app.get(ExportSlots);
    const onOther = b.get(ExportSlots);
    const release = await onA.acquire('key-exporting-twice');
    // EXPORTS_PER_KEY is 1: the same key on the other replica waits for the first export.
    await expect(onOther.acquire('key-exporting-twice')).rejects.toMatchObject({ spec: { status: 429 } });
    await expect(onOther.acquire('another-key')).resolves.toEqual(expect.any(Function));
    release();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the slot is given back in Redis
    const second = await onOther.acquire('key-exporting-twice');
    second();
  });

  it('should keep serving with local counters while Redis is away, and say so in /health/ready', async () => {
    const key = (await a.post('/v1/api-keys', { name: 'while redis is away', role: 'viewer' })).body
      .key as string;
    const port = redis.port;
    await redis.stop();
    // Counted on this replica alone, the budget still holds: ten requests, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await onB(key)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const ready = await b.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(JSON.parse(ready.body).details.limits).toEqual({
      status: 'up',
      counted: 'per replica (Redis unreachable)',
    });
    const metrics = await b.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${a.keys.admin}` },
    });
    expect(metrics.body).toMatch(/^pledgewatch_shared_limits_up 0$/m);
    replicas.redis = redis = await startRedis(port);
    // ioredis reconnects by itself; the next hits are shared again.
    const until = Date.now() + 10_000;
    let counted = '';
    while (Date.now() < until && counted !== 'across replicas (Redis)') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await onB(key);
      counted = JSON.parse((await b.inject({ method: 'GET', url: '/health/ready' })).body).details.limits
        .counted;
    }
    expect(counted).toBe('across replicas (Redis)');
  });
});
