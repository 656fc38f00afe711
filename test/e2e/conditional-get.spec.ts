import { TestApp } from '../helpers/app';
import { createItem, pledgeBody, startWithSource } from '../helpers/factories';

/** Conditional GET: 200 with an ETag, 304 while nothing changed, 200 with a new tag after a write. */
describe('conditional GET', () => {
  let t: TestApp;
  let sourceId: string;
  let itemId: string;
  beforeAll(async () => {
    ({ t, sourceId } = await startWithSource());
    itemId = (await createItem(t, pledgeBody(sourceId))).id;
  });
  afterAll(async () => t.close());

  const ifNoneMatch = (etag: unknown) => ({ headers: { 'if-none-match': String(etag) } });

  it.each(['/v1/stats/status', '/v1/stats/amounts?currency=EUR', '/v1/items?kind=commitment'])(
    'should answer %s with 304 while nothing changed, and 200 after a write',
    async (url) => {
      const first = await t.get(url);
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      expect(first.headers.etag).toMatch(/^".+"$/);

      const again = await t.get(url, ifNoneMatch(first.headers.etag));
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(first.headers.etag);

      await createItem(t, pledgeBody(sourceId, { title: `Another pledge for ${url}` }));
      const changed = await t.get(url, ifNoneMatch(first.headers.etag));
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(first.headers.etag);
      expect((await t.get(url, ifNoneMatch(changed.headers.etag))).status).toBe(304);
    },
  );

  it('should answer amounts with convertTo again after reference rates are loaded', async () => {
    const url = '/v1/stats/amounts?convertTo=EUR&rateDate=latest';
    const first = await t.get(url);
    expect(first.status).toBe(200);
    const rates = [{ date: '2024-06-13', currency: 'USD', perEur: '1.08' }];
    expect((await t.request('PUT', '/v1/fx-rates', { payload: rates })).status).toBeLessThan(300);
    expect((await t.get(url, ifNoneMatch(first.headers.etag))).status).toBe(200);
  });

  it('should count the new item in the 200 that follows a write', async () => {
    const before = await t.get('/v1/stats/status?kind=commitment');
    await createItem(t, pledgeBody(sourceId, { title: 'One more to count' }));
    const after = await t.get('/v1/stats/status?kind=commitment', ifNoneMatch(before.headers.etag));
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(before.body.total + 1);
  });

  it('should answer an item with 304 for its current version, and 200 once an update moved it', async () => {
    const first = await t.get(`/v1/items/${itemId}`);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await t.get(`/v1/items/${itemId}`, ifNoneMatch(`W/${String(first.headers.etag)}, "other"`));
    expect([again.status, again.headers.etag]).toEqual([304, first.headers.etag]);

    expect((await t.post(`/v1/items/${itemId}/updates`, { note: 'moved on' })).status).toBe(201);
    const changed = await t.get(`/v1/items/${itemId}`, ifNoneMatch(first.headers.etag));
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(first.body.version + 1);
  });

  it('should still check the key and the query before answering 304', async () => {
    const { headers } = await t.get('/v1/stats/status');
    expect((await t.get('/v1/stats/status', { key: null, ...ifNoneMatch(headers.etag) })).status).toBe(401);
    expect((await t.get('/v1/stats/status?kind=nope', ifNoneMatch(headers.etag))).status).toBe(422);
  });

  it('should not answer 304 for a list that depends on the clock (staleDays)', async () => {
    const first = await t.get('/v1/items?staleDays=1');
    expect(first.status).toBe(200);
    expect((await t.get('/v1/items?staleDays=1', ifNoneMatch(first.headers.etag ?? '*'))).status).toBe(200);
  });

  it('should answer 404 for an unknown item even with If-None-Match', async () => {
    const res = await t.get('/v1/items/00000000-0000-4000-8000-000000000000', ifNoneMatch('"1"'));
    expect(res.status).toBe(404);
  });
});
