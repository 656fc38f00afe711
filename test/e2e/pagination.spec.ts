import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../helpers/factories';

/**
 * Every list pages by keyset. Rows whose sort keys differ only below the millisecond (or not at
 * all) are the hard case: a cursor that rounds to milliseconds skips or repeats them. Each list
 * is paged one row at a time and must show every row exactly once, in order.
 */
describe('keyset pagination on every list', () => {
  let t: TestApp;
  let sourceId: string;
  const run = Date.now().toString(36);

  /** Four instants inside one millisecond: two identical, then one and two microseconds later. */
  const SAME_MS = [
    '2024-01-01T00:00:00.000001Z',
    '2024-01-01T00:00:00.000001Z',
    '2024-01-01T00:00:00.000002Z',
    '2024-01-01T00:00:00.000003Z',
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
  });
  afterAll(() => t.close());

  /** Pages `path` with limit=1 until the end; returns the ids in the order they came. */
  async function pageByOne(path: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const url = `${path}${sep}limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.get(url);
      expect(res.status).toBe(200);
      ids.push(...res.body.data.map((row: { id: string }) => row.id));
      cursor = res.body.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error(`${path}: more than 100 pages`);
  }

  /** Sets `column` of the given rows to the same-millisecond instants. */
  async function squeeze(table: string, column: string, ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries())
      await t.db.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [id, SAME_MS[i % SAME_MS.length]]);
  }

  /** The ids of `table`'s rows in the order the list promises, straight from the database. */
  async function ordered(sql: string, params: unknown[] = []): Promise<string[]> {
    return (await t.db.query(sql, params)).map((r: { id: string }) => r.id);
  }

  it('should page sources created in the same millisecond one by one, each once', async () => {
    const publisher = `Same ms ${run}`;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await createSource(t, { publisher })).id);
    await squeeze('sources', 'created_at', ids);
    const expected = await ordered(
      `SELECT id FROM sources WHERE publisher = $1 ORDER BY created_at DESC, id DESC`,
      [publisher],
    );
    expect(await pageByOne(`/v1/sources?publisher=${encodeURIComponent(publisher)}`)).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(ids));
  });

  it('should page actors one by one, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await createActor(t, { name: `Pager ${run} ${i}` })).id);
    const expected = await ordered(`SELECT id FROM actors WHERE id = ANY($1) ORDER BY name, id`, [ids]);
    expect(await pageByOne(`/v1/actors?q=${encodeURIComponent(`Pager ${run}`)}`)).toEqual(expected);
    const page = await t.get(`/v1/actors?q=${encodeURIComponent(`Pager ${run}`)}&limit=2`);
    expect(page.body.data.map((a: { name: string }) => a.name)).toEqual([`Pager ${run} 0`, `Pager ${run} 1`]);
  });

  describe('items', () => {
    const tag = `pager-${run}`;
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      for (let i = 0; i < 4; i++)
        ids.push(
          (await createItem(t, pledgeBody(sourceId, { title: `Pager item ${i} ${run}`, tags: [tag] }))).id,
        );
      await squeeze('items', 'created_at', ids);
      await squeeze('items', 'updated_at', [...ids].reverse());
    });

    it.each([
      ['createdAt', 'created_at ASC, id ASC'],
      ['-createdAt', 'created_at DESC, id DESC'],
      ['updatedAt', 'updated_at ASC, id ASC'],
      ['-updatedAt', 'updated_at DESC, id DESC'],
    ])('should page items sorted by %s one by one, each once', async (sort, order) => {
      const expected = await ordered(`SELECT id FROM items WHERE $1 = ANY(tags) ORDER BY ${order}`, [tag]);
      expect(await pageByOne(`/v1/items?tag=${tag}&sort=${sort}`)).toEqual(expected);
    });

    // Served from the status intervals, which carry their item's creation time (kept when it is rewritten).
    it.each([
      ['createdAt', 'created_at ASC, id ASC'],
      ['-createdAt', 'created_at DESC, id DESC'],
    ])(
      'should page items at a status as of a time, sorted by %s, one by one, each once',
      async (sort, order) => {
        const expected = await ordered(`SELECT id FROM items WHERE $1 = ANY(tags) ORDER BY ${order}`, [tag]);
        const asOf = new Date().toISOString();
        expect(await pageByOne(`/v1/items?tag=${tag}&status=proposed&asOf=${asOf}&sort=${sort}`)).toEqual(
          expected,
        );
      },
    );
  });

  it("should page an item's updates logged at the same instants one by one, each once", async () => {
    const item = await createItem(t, pledgeBody(sourceId, { title: `Pager timeline ${run}` }));
    for (let i = 0; i < 4; i++)
      await t.post(`/v1/items/${item.id}/updates`, {
        note: `same instant ${i}`,
        effectiveAt: '2024-07-01T00:00:00Z',
      });
    const updates = await ordered(`SELECT id FROM updates WHERE item_id = $1`, [item.id]);
    await squeeze('updates', 'effective_at', updates);
    await squeeze('updates', 'recorded_at', updates);
    const expected = await ordered(
      `SELECT id FROM updates WHERE item_id = $1 ORDER BY effective_at, recorded_at, seq`,
      [item.id],
    );
    expect(expected).toHaveLength(4);
    expect(await pageByOne(`/v1/items/${item.id}/updates`)).toEqual(expected);
  });

  it('should page follow-ups due in the same millisecond one by one, each once', async () => {
    const item = await createItem(t, pledgeBody(sourceId, { title: `Pager follow-ups ${run}` }));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.post(`/v1/items/${item.id}/follow-ups`, {
        dueAt: '2030-01-01T00:00:00Z',
        note: `check ${i}`,
      });
      ids.push(res.body.id);
    }
    await squeeze('follow_ups', 'due_at', ids);
    const expected = await ordered(`SELECT id FROM follow_ups WHERE item_id = $1 ORDER BY due_at, id`, [
      item.id,
    ]);
    expect(await pageByOne(`/v1/follow-ups?itemId=${item.id}`)).toEqual(expected);
  });

  it('should page the audit trail one entry at a time, each once', async () => {
    const item = await createItem(t, pledgeBody(sourceId, { title: `Pager audit ${run}` }));
    for (let i = 0; i < 3; i++)
      await t.post(`/v1/items/${item.id}/updates`, {
        note: `audited ${i}`,
        effectiveAt: '2024-07-01T00:00:00Z',
      });
    const expected = await ordered(
      `SELECT id::text AS id FROM audit_log WHERE entity_id = $1 ORDER BY id DESC`,
      [item.id],
    );
    expect(await pageByOne(`/v1/audit?entityId=${item.id}`)).toEqual(expected);
  });

  it('should page API keys created in the same millisecond one by one, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await t.post('/v1/api-keys', { name: `pager ${i}`, role: 'viewer' })).body.id);
    await squeeze('api_keys', 'created_at', ids);
    const expected = await ordered(`SELECT id FROM api_keys ORDER BY created_at, id`);
    expect(await pageByOne('/v1/api-keys')).toEqual(expected);
  });

  it('should page webhooks and their deliveries created in the same millisecond one by one, each once', async () => {
    const hooks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.post('/v1/webhooks', {
        url: `http://127.0.0.1:9/hook-${i}`,
        events: ['item.created'],
      });
      hooks.push(res.body.id);
    }
    await squeeze('webhooks', 'created_at', hooks);
    expect(await pageByOne('/v1/webhooks')).toEqual(
      await ordered(`SELECT id FROM webhooks ORDER BY created_at DESC, id DESC`),
    );

    const deliveries: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [event] = await t.db.query(
        `INSERT INTO events (type, data) VALUES ('item.created', '{}') RETURNING id`,
      );
      const [delivery] = await t.db.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at) VALUES ($1, $2, now()) RETURNING id`,
        [hooks[0], event.id],
      );
      deliveries.push(delivery.id);
    }
    await squeeze('webhook_deliveries', 'created_at', deliveries);
    const expected = await ordered(
      `SELECT id FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at DESC, id DESC`,
      [hooks[0]],
    );
    expect(expected).toHaveLength(4);
    expect(await pageByOne(`/v1/webhooks/${hooks[0]}/deliveries`)).toEqual(expected);
  });

  it('should page feeds created in the same millisecond one by one, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await t.post('/v1/feeds', { kind: 'changes' })).body.id);
    await squeeze('feeds', 'created_at', ids);
    const expected = await ordered(
      `SELECT id FROM feeds WHERE revoked_at IS NULL ORDER BY created_at DESC, id DESC`,
    );
    expect(await pageByOne('/v1/feeds')).toEqual(expected);
  });

  it('should refuse a cursor of another list, or one rounded to milliseconds, with 422', async () => {
    const audit = await t.get('/v1/audit?limit=1');
    expect(audit.body.nextCursor).toEqual(expect.any(String));
    const foreign = await t.get(`/v1/sources?limit=1&cursor=${encodeURIComponent(audit.body.nextCursor)}`);
    expect([foreign.status, foreign.body.errors?.[0]?.path]).toEqual([422, 'cursor']);
    const rounded = Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', sourceId])).toString('base64url');
    expect((await t.get(`/v1/sources?limit=1&cursor=${rounded}`)).status).toBe(422);
  });
});
