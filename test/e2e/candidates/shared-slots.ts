import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NATO_TEXT, TestApp } from '../../helpers/app';
import { createSource } from '../../helpers/factories';
import { RedisProcess } from '../../helpers/redis';
import { replicasOnRedis, ReplicasOnRedis } from '../../helpers/replicas-on-redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A long article no other request has read: NATO's, repeated to ~700 kB, with a mark of its own. */
const longText = (mark: string) => `${mark}\n\n${NATO_TEXT.repeat(300)}`;

/**
 * CANDIDATES_PER_KEY across replicas (Debian's redis-server): one key's extractions are one
 * count on every replica with REDIS_URL, and each replica counts its own while Redis is away.
 */
describe('candidate extractions per key, shared across replicas in Redis', () => {
  let replicas: ReplicasOnRedis;
  let redis: RedisProcess;
  let a: TestApp;
  let b: NestFastifyApplication;

  beforeAll(async () => {
    // A thread's first extraction loads the lexicons and chrono-node: on a loaded machine that
    // alone may take seconds, and this spec is about slots, not the cut-off.
    replicas = await replicasOnRedis({
      CANDIDATES_PER_KEY: '1',
      WORKER_THREADS: '1',
      CANDIDATES_TIMEOUT_MS: '60000',
    });
    ({ redis, a, b } = replicas);
  });
  afterAll(() => replicas?.close());

  const onA = (sourceId: string, key: string) => a.get(`/v1/sources/${sourceId}/candidates`, { key });
  const onB = async (sourceId: string, key: string) => {
    const res = await b.inject({
      method: 'GET',
      url: `/v1/sources/${sourceId}/candidates`,
      headers: { authorization: `Bearer ${key}` },
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as { code?: string }, headers: res.headers };
  };
  /** The extractions queued or running in this process (both replicas share the metrics registry). */
  const running = async (): Promise<number> => {
    const res = await a.get('/metrics');
    const line = res.text.split('\n').find((l) => l.startsWith('pledgewatch_candidate_extractions_running '));
    return Number(line?.split(' ').pop());
  };
  const untilRunning = async (n: number) => {
    for (let i = 0; i < 300 && (await running()) !== n; i++) await sleep(100);
    expect(await running()).toBe(n);
  };
  const small = (mark: string) => createSource(a, { text: `${NATO_TEXT}\n\n${mark}` });

  it("should refuse a key's second extraction on the other replica while its first runs", async () => {
    const long = await createSource(a, { text: longText('Shared slot check.') });
    const [other, afterwards, otherKey] = [
      await small('Other replica.'),
      await small('After it ends.'),
      await small('Another key.'),
    ];
    const first = onA(long.id, a.keys.editor);
    await untilRunning(1);
    const refused = await onB(other.id, a.keys.editor);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('CANDIDATES.TOO_MANY_AT_ONCE');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another key has its own slot.
    expect((await onB(otherKey.id, a.keys.viewer)).status).toBe(200);
    expect((await first).status).toBe(200);
    await sleep(50); // the slot is given back in Redis
    expect((await onB(afterwards.id, a.keys.editor)).status).toBe(200);
  }, 120_000);

  it('should count per replica while Redis is away, and keep serving', async () => {
    await redis.stop();
    const long = await createSource(a, { text: longText('Redis away check.') });
    const [sameReplica, otherReplica] = [await small('Same replica.'), await small('Other replica.')];
    const first = onA(long.id, a.keys.editor);
    await untilRunning(1);
    // This replica still holds the key to one extraction; the other counts its own.
    expect((await onA(sameReplica.id, a.keys.editor)).status).toBe(429);
    expect((await onB(otherReplica.id, a.keys.editor)).status).toBe(200);
    expect((await first).status).toBe(200);
  }, 120_000);
});
