import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

/** Many clients at once, through the whole stack against a real PostgreSQL. */
describe('concurrent writes', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    // 30 writers share the pool's 10 connections: on a loaded machine a writer may wait longer
    // than the 2 s fail-fast bound (tested in faults.spec.ts), which would be a 503, not a lost write.
    t = await TestApp.start({ DB_CONNECT_TIMEOUT_MS: '15000' });
    sourceId = (await createSource(t)).id;
  });
  afterAll(async () => t.close());

  const times = <T>(n: number, f: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => f(i)));
  const tally = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  it('should let exactly one of 20 PATCHes with the same If-Match win', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const results = await times(20, (i) =>
      t.patch(
        `/v1/items/${item.id}`,
        { title: `Title from writer ${i}` },
        { headers: { 'if-match': '"1"' } },
      ),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 1, 412: 19 });
    const winner = results.find((r) => r.status === 200)!;
    expect((await t.get(`/v1/items/${item.id}`)).body).toMatchObject({
      version: 2,
      title: winner.body.title,
    });
  });

  it('should land all of 30 parallel timeline appends, each once, without deadlocks', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const statuses = ['agreed', 'in_progress', 'stalled'];
    const results = await times(30, (i) =>
      t.post(`/v1/items/${item.id}/updates`, {
        status: statuses[i % 3],
        note: `append ${i}`,
        effectiveAt: new Date(Date.UTC(2024, 6, 1 + i)).toISOString(),
      }),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 201: 30 });
    const [{ n, notes }] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT note)::int AS notes FROM updates WHERE item_id = $1`,
      [item.id],
    );
    expect([n, notes]).toEqual([30, 30]);
    // The last by effective time is append 29 (stalled, 30 July), whatever order they landed in.
    expect((await t.get(`/v1/items/${item.id}`)).body).toMatchObject({
      version: 31,
      status: 'stalled',
      statusSince: '2024-07-30T00:00:00.000Z',
    });
  });

  it('should create one item from 20 parallel POSTs with one Idempotency-Key', async () => {
    const before = await t.count('items');
    const results = await times(20, () =>
      t.post('/v1/items', pledgeBody(sourceId, { title: 'Posted twenty times' }), {
        headers: { 'idempotency-key': 'twenty-at-once' },
      }),
    );
    expect(await t.count('items')).toBe(before + 1);
    const created = results.filter((r) => r.status === 201);
    expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(
      results.every(
        (r) => r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY.IN_PROGRESS'),
      ),
    ).toBe(true);
  });
});
