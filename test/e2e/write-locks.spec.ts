import { Client } from 'pg';
import { TestApp } from '../helpers/app';
import { pledgeBody, startWithSource } from '../helpers/factories';

/** Locks a create takes (migration ShorterWriteLocks): the money writers' lock only with money. */
describe('write locks', () => {
  let t: TestApp;
  let sourceId: string;
  let other: Client;
  beforeAll(async () => {
    ({ t, sourceId } = await startWithSource());
    other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await t.close();
  });

  const holdMoneyLock = () => other.query(`SELECT pg_advisory_lock(hashtext('pw_refresh_money'))`);
  const releaseMoneyLock = () => other.query(`SELECT pg_advisory_unlock(hashtext('pw_refresh_money'))`);
  /** Resolves with the response, or with 'still waiting' if the money lock holds it back. */
  const settled = (request: Promise<{ status: number }>) =>
    Promise.race([
      request,
      new Promise<'still waiting'>((ok) => setTimeout(() => ok('still waiting'), 3000)),
    ]);

  it('should create an item without money while another transaction holds the money lock', async () => {
    await holdMoneyLock();
    try {
      const { amount: _amount, ...noMoney } = pledgeBody(sourceId, { title: 'A pledge with no amount' });
      const res = await settled(t.post('/v1/items', noMoney));
      expect(res === 'still waiting' ? res : res.status).toBe(201);
    } finally {
      await releaseMoneyLock();
    }
  });

  it('should still make a pledge with an amount wait for the money lock, and count it once free', async () => {
    const before = await t.get('/v1/stats/amounts?currency=EUR', {
      headers: { 'cache-control': 'no-cache' },
    });
    await holdMoneyLock();
    const pending = t.post('/v1/items', pledgeBody(sourceId, { title: 'A pledge with an amount' }));
    let early: unknown;
    try {
      early = await settled(pending);
    } finally {
      await releaseMoneyLock();
    }
    expect(early).toBe('still waiting');
    expect((await pending).status).toBe(201);
    const after = await t.get('/v1/stats/amounts?currency=EUR', { headers: { 'cache-control': 'no-cache' } });
    expect(after.body).not.toEqual(before.body);
  });
});
