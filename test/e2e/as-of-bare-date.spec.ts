import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

/**
 * `asOf` is parsed once, at the edge, by one rule: a bare date is midnight UTC on every route,
 * whatever the route does with it next (SQL on the intervals, the counters' deltas, the item's
 * history, the export's stream).
 */
describe('asOf=2024-06-14 is 2024-06-14T00:00:00Z on every route that takes asOf', () => {
  let t: TestApp;
  let id: string;
  const BARE = '2024-06-14';
  const MIDNIGHT_UTC = '2024-06-14T00:00:00Z';
  const JUST_BEFORE = '2024-06-13T23:59:59Z';

  const routes: [string, (asOf: string) => string][] = [
    ['the item list', (asOf) => `/v1/items?status=agreed&asOf=${asOf}`],
    ['the item list in creation order', (asOf) => `/v1/items?status=agreed&asOf=${asOf}&sort=createdAt`],
    ['an item', (asOf) => `/v1/items/${id}?asOf=${asOf}`],
    ['the status counts', (asOf) => `/v1/stats/status?kind=commitment&asOf=${asOf}`],
    ['the filtered status counts', (asOf) => `/v1/stats/status?kind=commitment&tag=as-of&asOf=${asOf}`],
    ['the export', (asOf) => `/v1/items/export?format=ndjson&status=agreed&asOf=${asOf}`],
  ];

  /** What a route answers that depends on asOf: the body, or the text of a streamed export. */
  const answer = async (url: string) => {
    const res = await t.get(url);
    expect(res.status).toBe(200);
    return url.includes('/export') ? res.text : res.body;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const sourceId = (await createSource(t, { publishedAt: '2024-06-13T18:00:00Z' })).id;
    id = (await createItem(t, pledgeBody(sourceId, { tags: ['as-of'] }))).id;
    const res = await t.post(`/v1/items/${id}/updates`, {
      status: 'agreed',
      effectiveAt: MIDNIGHT_UTC,
      note: 'agreed at midnight UTC',
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  it.each(routes)('should read the bare date as midnight UTC on %s', async (_, url) => {
    const bare = await answer(url(BARE));
    expect(bare).toEqual(await answer(url(encodeURIComponent(MIDNIGHT_UTC))));
    // The instant matters: a second earlier, the item was still proposed.
    expect(bare).not.toEqual(await answer(url(encodeURIComponent(JUST_BEFORE))));
  });

  it('should answer the status the item had then, agreed, on each route', async () => {
    expect((await t.get(`/v1/items/${id}?asOf=${BARE}`)).body).toMatchObject({
      status: 'agreed',
      asOf: '2024-06-14T00:00:00.000Z',
    });
    const list = (await t.get(`/v1/items?status=agreed&asOf=${BARE}`)).body.data;
    expect(list.map((i: { id: string; statusAsOf: string }) => [i.id, i.statusAsOf])).toEqual([
      [id, 'agreed'],
    ]);
    expect((await t.get(`/v1/stats/status?kind=commitment&asOf=${BARE}`)).body.byStatus.agreed).toBe(1);
    expect((await t.get(`/v1/items/export?format=ndjson&status=agreed&asOf=${BARE}`)).text).toContain(id);
  });
});
