import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess } from 'node:child_process';
import { ADMIN_KEY, NATO_TEXT, TestApp } from '../helpers/app';
import { pledgeBody } from '../helpers/factories';
import { Balancer, startHaproxy } from '../helpers/haproxy';
import { PgBouncer, startPgBouncer } from '../helpers/pgbouncer';
import { Receiver, waitFor } from '../helpers/receiver';
import { RedisProcess, startRedis } from '../helpers/redis';
import { hasPostgres15, PG15_BIN, startStreamingPair, StreamingPair } from '../helpers/streaming-replica';
import { buildWorker, killAll, startWorker } from '../helpers/worker-process';
import { runMigrations } from '../../src/database/data-source';

jest.setTimeout(180_000);

/**
 * The production topology of docs/scaling.md from Debian's packages, no Docker: HAProxy in
 * front of two API replicas; PgBouncer in transaction mode between them and a PostgreSQL 15
 * primary; a streaming standby of it for the reads; Redis for the shared limits; a worker
 * process, and a scheduler in the second API replica too. A researcher's flow goes through the
 * balancer only, carrying back the WAL position of its writes (X-Pledgewatch-Min-LSN) so that
 * whichever replica answers, it reads its own writes.
 */
describe('the whole topology through a load balancer', () => {
  const FAST = {
    REMINDER_POLL_MS: '100',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  };
  let pair: StreamingPair;
  let bouncer: PgBouncer;
  let redis: RedisProcess;
  let a: TestApp;
  let b: NestFastifyApplication;
  let balancer: Balancer;
  let receiver: Receiver;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    if (!hasPostgres15())
      throw new Error(`${PG15_BIN} is missing: apt-get install postgresql (.ci/run does)`);
    const worker = buildWorker();
    [pair, redis, receiver] = await Promise.all([startStreamingPair(), startRedis(), Receiver.start()]);
    await runMigrations(pair.primaryUrl);
    bouncer = await startPgBouncer(pair.primaryUrl);
    const shared = {
      ...FAST,
      DATABASE_DIRECT_URL: pair.primaryUrl,
      DATABASE_READ_URL: pair.standbyUrl,
      REDIS_URL: redis.url,
      TRUST_PROXY: '127.0.0.1',
    };
    a = await TestApp.startOn(bouncer.url, shared);
    b = await a.replica({ SCHEDULER_ENABLED: 'true' });
    const portA = Number(new URL(await a.listen()).port);
    await b.listen({ port: 0, host: '127.0.0.1' });
    const portB = Number(new URL(await b.getUrl()).port);
    balancer = await startHaproxy([portA, portB]);
    workers.push(
      await startWorker(await worker, {
        ...FAST,
        DATABASE_URL: bouncer.url,
        DATABASE_DIRECT_URL: pair.primaryUrl,
        ADMIN_API_KEY: ADMIN_KEY,
      }),
    );
  }, 180_000);
  afterAll(async () => {
    killAll(workers);
    await balancer?.stop();
    await b?.close();
    await a?.close();
    await bouncer?.stop();
    await pair?.stop();
    await redis?.stop();
    await receiver?.close();
  });

  /** The WAL position of this client's last write, sent back so any replica reads its writes. */
  let written: string | undefined;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${balancer.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(written ? { 'x-pledgewatch-min-lsn': written } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    written = res.headers.get('x-pledgewatch-lsn') ?? written;
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };

  it('should record, update, count, poll with 304 and deliver a reminder exactly once', async () => {
    const source = await call('POST', '/v1/sources', {
      url: 'https://example.org/nato-2024-06-13',
      title: 'OTAN, 13 juin 2024',
      language: 'fr',
      text: NATO_TEXT,
    });
    expect(source.status).toBe(201);
    const item = await call('POST', '/v1/items', pledgeBody(source.body.id as string));
    expect(item.status).toBe(201);
    const itemId = item.body.id as string;
    expect(
      (await call('POST', `/v1/items/${itemId}/updates`, { status: 'in_progress', note: 'first tranche' }))
        .status,
    ).toBe(201);
    const stats = await call('GET', '/v1/stats/status');
    expect(stats.status).toBe(200);

    // Polls land on either replica; the tag is the database's, so both answer 304.
    const list = await call('GET', '/v1/items?limit=5');
    // Read from the standby unless it lags behind this client's writes: either way, they are there.
    expect(list.body.data).toEqual([expect.objectContaining({ id: itemId, status: 'in_progress' })]);
    const etag = list.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const polls = await Promise.all(
      [1, 2, 3, 4].map(() => call('GET', '/v1/items?limit=5', undefined, { 'if-none-match': etag })),
    );
    expect(polls.map((p) => p.status)).toEqual([304, 304, 304, 304]);

    const hook = await call('POST', '/v1/webhooks', { url: receiver.url('/due'), events: ['follow_up.due'] });
    expect(hook.status).toBe(201);
    const followUp = await call('POST', `/v1/items/${itemId}/follow-ups`, {
      dueAt: new Date(Date.now() + 1500).toISOString(),
      note: 'check the first tranche',
    });
    expect(followUp.status).toBe(201);
    await waitFor('the reminder', () => receiver.to('/due').length > 0, 60_000);
    // Two schedulers (replica B and the worker): time for a second delivery, which must not come.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const announced = receiver.to('/due').map((r) => JSON.parse(r.body).data.followUpId as string);
    expect(announced).toEqual([followUp.body.id]);
  });
});
