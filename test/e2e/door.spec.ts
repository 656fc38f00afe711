import { TestApp } from '../helpers/app';
import { createItem, pledgeBody, startWithSource } from '../helpers/factories';

/**
 * Answers at the door (src/common/conditional/door.ts): repeated counter-tagged GETs are answered
 * before Nest's pipeline — 304s, and the stats' remembered bodies while the change counter holds.
 */
describe('answers at the door', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    ({ t, sourceId } = await startWithSource());
    await createItem(t, pledgeBody(sourceId));
  });
  afterAll(async () => t.close());

  /** Changes the data without firing the triggers that move the change counter. */
  const behindTheCounter = (sql: string) =>
    t.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(sql);
    });

  it('should answer the stats from memory while the counter holds, and afresh after a counted write', async () => {
    const url = '/v1/stats/status?kind=commitment';
    const first = await t.get(url);
    expect(first.status).toBe(200);
    await behindTheCounter(`UPDATE item_status_counts SET n = n + 1000`);
    // Only the remembered body can still show the old counts: the table changed under it.
    const remembered = await t.get(url);
    expect([remembered.status, remembered.headers.etag]).toEqual([200, first.headers.etag]);
    expect(remembered.body).toEqual(first.body);
    expect(remembered.headers['content-type']).toBe(first.headers['content-type']);
    expect(remembered.headers['cache-control']).toBe('private, no-cache');
    // Asked to, the service runs the query again (same tag: nothing counted has changed).
    const asked = await t.get(url, { headers: { 'cache-control': 'no-cache' } });
    expect([asked.status, asked.headers.etag]).toEqual([200, first.headers.etag]);
    expect(asked.body).not.toEqual(first.body);

    await createItem(t, pledgeBody(sourceId, { title: 'A counted write' }));
    const fresh = await t.get(url);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(fresh.body).not.toEqual(first.body);
  });

  it('should not remember list bodies (only answer their 304s)', async () => {
    const url = '/v1/items?kind=commitment&limit=5';
    const first = await t.get(url);
    await behindTheCounter(`UPDATE items SET title = 'Renamed behind the counter'`);
    const again = await t.get(url);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body.data[0].title).toBe('Renamed behind the counter');
    expect((await t.get(url, { headers: { 'if-none-match': String(first.headers.etag) } })).status).toBe(304);
  });

  it('should check the key and the query before any answer from memory', async () => {
    const url = '/v1/stats/amounts?currency=EUR';
    const first = await t.get(url);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect((await t.get(url, { key: 'pw_not-a-key', headers: { 'if-none-match': etag } })).status).toBe(401);
    expect((await t.get(url, { key: null })).status).toBe(401);
    for (let i = 0; i < 2; i++)
      expect(
        (await t.get('/v1/stats/amounts?currency=EURO', { headers: { 'if-none-match': etag } })).status,
      ).toBe(422);
  });

  it('should send the usual headers with answers from memory', async () => {
    const url = '/v1/stats/status';
    const first = await t.get(url);
    for (const res of [
      await t.get(url),
      await t.get(url, { headers: { 'if-none-match': String(first.headers.etag) } }),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.headers['x-ratelimit-limit']).toEqual(expect.any(String));
    }
  });
});
