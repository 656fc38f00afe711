import { Client } from 'pg';
import { IdempotencyStore } from '../../../src/idempotency/idempotency.store';
import { requestHash } from '../../../src/idempotency/request-hash';
import { TestApp } from '../../helpers/app';
import { createSource, pledgeBody } from '../../helpers/factories';

const LEASE_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a request still waiting after `ms` resolves to instead of its answer. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, sleep(ms).then(() => 'still running' as const)]);

/**
 * Issue 22, finding 1: a claim on an Idempotency-Key is a lease its request renews while it
 * runs. The slow request here waits on the money lock, which the test holds from a connection of
 * its own; the lease is 0.6 s, so a slow request outlives it many times over.
 */
describe('Idempotency-Key leases', () => {
  let t: TestApp;
  let sourceId: string;
  let adminKeyId: string;
  let holder: Client;
  beforeAll(async () => {
    t = await TestApp.start({ IDEMPOTENCY_LEASE_MS: String(LEASE_MS) });
    sourceId = (await createSource(t)).id;
    [{ id: adminKeyId }] = await t.db.query(`SELECT id FROM api_keys WHERE role = 'admin'`);
    holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await t.close();
  });

  let n = 0;
  const freshKey = () => `lease-${Date.now()}-${++n}`;
  const body = () => pledgeBody(sourceId, { title: 'Slow pledge', amount: { value: '7', currency: 'EUR' } });
  const postItem = (key: string) => t.post('/v1/items', body(), { headers: { 'idempotency-key': key } });
  /** A keyed POST held on the money lock (taken from the test's own connection) until `letGo()`. */
  const slowPost = async (key: string) => {
    await holder.query(`BEGIN`);
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('pw_refresh_money'))`);
    const running = postItem(key);
    while ((await t.db.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [key])).length === 0)
      await sleep(20);
    return { running };
  };
  const letGo = () => holder.query(`COMMIT`);

  it('should answer 409 to a retry while the first request still runs, however long it has run', async () => {
    const key = freshKey();
    const items = await t.count('items');
    const { running: first } = await slowPost(key);
    // Older than the two minutes after which a claim used to be taken over, and five leases long.
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '3 minutes' WHERE key = $1`, [
      key,
    ]);
    await sleep(5 * LEASE_MS);
    const retry = await within(3_000, postItem(key));
    await letGo();
    expect(retry === 'still running' ? retry : [retry.status, retry.body.code]).toEqual([
      409,
      'IDEMPOTENCY.IN_PROGRESS',
    ]);
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await postItem(key);
    expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([
      201,
      'true',
      done.body.id,
    ]);
    expect(await t.count('items')).toBe(items + 1);
  }, 30_000);

  it('should let a retry take over a claim nobody renews any more (its request died), once its lease ran out', async () => {
    const key = freshKey();
    // A claim as a process leaves it when it dies after claiming: taken, never renewed.
    await t.app.get(IdempotencyStore).claim(adminKeyId, key, requestHash('POST', '/v1/items', body()));
    const early = await postItem(key);
    expect([early.status, early.body.code]).toEqual([409, 'IDEMPOTENCY.IN_PROGRESS']);
    await sleep(LEASE_MS + 200);
    const retry = await postItem(key);
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('should not let a request that lost its claim to a retry commit anything', async () => {
    const key = freshKey();
    const items = await t.count('items');
    const { running: first } = await slowPost(key);
    // As if the process had stalled past its lease and a retry had taken the key over.
    await t.db.query(`UPDATE idempotency_keys SET claim_id = gen_random_uuid() WHERE key = $1`, [key]);
    await letGo();
    const res = await first;
    expect([res.status, res.body.code]).toEqual([409, 'IDEMPOTENCY.TAKEN_OVER']);
    expect(await t.count('items')).toBe(items);
  });
});
