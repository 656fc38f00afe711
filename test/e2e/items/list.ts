import { ListItemsQuery } from '../../../src/items/dto/list-items.query';
import { listSql } from '../../../src/items/items.query';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../../helpers/factories';

type Page = { data: { id: string; title: string; dueAt: string | null }[]; nextCursor: string | null };

describe('GET /v1/items — filters, sorts and keyset pagination', () => {
  let t: TestApp;
  let sourceId: string;
  let actorId: string;
  const ids: Record<string, string> = {};

  /** Follows nextCursor to the end and returns every title seen, in order. */
  const walk = async (query: string, limit = 2): Promise<string[]> => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: { status: number; body: Page } = await t.get(
        `/v1/items?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((i) => i.title));
      cursor = res.body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('cursor never ended');
  };
  const titles = async (query: string) =>
    (await t.get(`/v1/items?${query}&limit=200`)).body.data.map((i: { title: string }) => i.title);

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    actorId = (await createActor(t, { name: 'Poland', kind: 'country' })).id;
    const make = async (title: string, overrides: Record<string, unknown>) => {
      ids[title] = (
        await createItem(t, pledgeBody(sourceId, { title, amount: null, recurrence: null, ...overrides }))
      ).id;
    };
    await make('d1', { dueAt: '2024-06-14', tags: ['training'] });
    await make('d2', { dueAt: '2024-12-31', duePrecision: 'year', actors: [{ actorId, role: 'subject' }] });
    await make('d3', { dueAt: '2024-06-14', status: 'agreed' });
    await make('n1', { actors: [{ actorId, role: 'beneficiary' }] });
    await make('n2', { kind: 'claim', status: 'confirmed' });
    await make('d4', { dueAt: '2025-03-01', tags: ['training', 'jatec'] });
    await t.post(`/v1/items/${ids.d1}/updates`, {
      status: 'agreed',
      effectiveAt: '2024-07-01T00:00:00Z',
      note: 'agreed',
    });
    await t.post(`/v1/items/${ids.d4}/updates`, { note: 'news today' });
    // A second item touched last: updatedAt order differs from createdAt order.
    await t.patch(`/v1/items/${ids.d2}`, { tags: ['x'] }, { headers: { 'if-match': '1' } });
  });
  afterAll(() => t.close());

  it('should list newest first by default', async () => {
    expect(await titles('')).toEqual(['d4', 'n2', 'n1', 'd3', 'd2', 'd1']);
  });

  it.each([
    ['createdAt', ['d1', 'd2', 'd3', 'n1', 'n2', 'd4']],
    ['-createdAt', ['d4', 'n2', 'n1', 'd3', 'd2', 'd1']],
    ['dueAt', ['d1', 'd3', 'd2', 'd4', 'n1', 'n2']],
    ['-dueAt', ['d4', 'd2', 'd3', 'd1', 'n2', 'n1']],
  ])(
    'should page through sort=%s without skipping or repeating, undated items last',
    async (sort, expected) => {
      // d1 and d3 share a due date and n1, n2 have none: ids break those ties, so compare due dates in order.
      const due: Record<string, string | null> = {
        d1: '2024-06-14',
        d2: '2024-12-31',
        d3: '2024-06-14',
        d4: '2025-03-01',
        n1: null,
        n2: null,
      };
      const full = await titles(`sort=${sort}`);
      expect(new Set(full)).toEqual(new Set(expected));
      if (sort.includes('dueAt'))
        expect(full.map((title: string) => due[title])).toEqual(expected.map((title) => due[title]));
      else expect(full).toEqual(expected);
      for (const limit of [1, 2, 4]) expect(await walk(`sort=${sort}`, limit)).toEqual(full);
    },
  );

  it('should page through sort=updatedAt in both directions', async () => {
    const asc = await walk('sort=updatedAt', 1);
    expect(asc.slice(-1)).toEqual(['d2']);
    expect(await walk('sort=-updatedAt', 1)).toEqual([...asc].reverse());
  });

  it.each([
    ['kind=claim', ['n2']],
    ['status=agreed', ['d3', 'd1']],
    ['status=agreed,confirmed', ['n2', 'd3', 'd1']],
    ['status=proposed&asOf=2024-06-20T00:00:00Z', ['d4', 'n1', 'd2', 'd1']],
    ['status=agreed&asOf=2024-06-20T00:00:00Z', ['d3']],
    ['tag=training', ['d4', 'd1']],
    ['tag=jatec', ['d4']],
    ['role=subject', ['d2']],
    ['dueBefore=2024-06-14', ['d3', 'd1']],
    ['dueAfter=2024-06-15', ['d4', 'd2']],
    ['dueAfter=2024-06-14&dueBefore=2024-12-31', ['d3', 'd2', 'd1']],
    ['staleDays=30', ['n2', 'n1', 'd3', 'd2', 'd1']],
  ])('should filter %s', async (query, expected) => {
    expect(await titles(query)).toEqual(expected);
  });

  it('should show the status each item had at asOf as statusAsOf, keeping status the current one', async () => {
    const res = await t.get('/v1/items?status=proposed&asOf=2024-06-20T00:00:00Z&limit=200');
    const shown = res.body.data.map((i: { title: string; status: string; statusAsOf: string }) => [
      i.title,
      i.status,
      i.statusAsOf,
    ]);
    // d1 was agreed on 1 July: it matched as proposed on 20 June and says so.
    expect(shown).toEqual([
      ['d4', 'proposed', 'proposed'],
      ['n1', 'proposed', 'proposed'],
      ['d2', 'proposed', 'proposed'],
      ['d1', 'agreed', 'proposed'],
    ]);
    const later = (await t.get('/v1/items?kind=commitment&asOf=2024-07-02&limit=200')).body.data;
    expect(later.find((i: { title: string }) => i.title === 'd1')).toMatchObject({
      status: 'agreed',
      statusAsOf: 'agreed',
    });
    const before = (await t.get('/v1/items?asOf=1990-01-01&limit=200')).body.data;
    expect(before.map((i: { statusAsOf: unknown }) => i.statusAsOf)).toEqual(before.map(() => null));
    expect(before).toHaveLength(6);
    const now = (await t.get('/v1/items?status=agreed&limit=200')).body.data;
    expect(now.every((i: object) => !('statusAsOf' in i))).toBe(true);
  });

  it('should find the same items at a status as of a time whichever plan serves it', async () => {
    const run = async (sort: string, fewAtStatus?: boolean) => {
      const query = Object.assign(new ListItemsQuery(), {
        status: 'proposed,agreed',
        asOf: new Date('2024-06-20T00:00:00Z'),
        limit: 50,
        sort,
      });
      const { sql, values } = listSql(query, { fewAtStatus });
      return (await t.db.query(sql, values)).map((r: { title: string }) => r.title);
    };
    // Creation order walks the intervals' index; other orders fetch the ids first or probe item by item.
    expect(await run('-createdAt')).toEqual(['d4', 'n1', 'd3', 'd2', 'd1']);
    expect(await run('createdAt')).toEqual(['d1', 'd2', 'd3', 'n1', 'd4']);
    expect(await run('updatedAt', false)).toEqual(await run('updatedAt', true));
    expect((await run('updatedAt', true)).sort()).toEqual((await run('createdAt')).sort());
  });

  it.each(['-createdAt', 'createdAt'])(
    'should page through status and asOf in sort=%s one item at a time, each once',
    async (sort) => {
      const query = `status=proposed,agreed&asOf=2024-06-20T00:00:00Z&sort=${sort}`;
      expect(await walk(query, 1)).toEqual(await titles(query));
      expect(await walk(`${query}&kind=commitment`, 2)).toEqual(await titles(query));
    },
  );

  it('should filter by actor, and by actor and role', async () => {
    expect(await titles(`actorId=${actorId}`)).toEqual(['n1', 'd2']);
    expect(await titles(`actorId=${actorId}&role=beneficiary`)).toEqual(['n1']);
  });

  it('should neither skip nor repeat items while others are being inserted', async () => {
    const before = new Set(await titles('sort=createdAt'));
    const seen: string[] = [];
    let cursor: string | null = null;
    let n = 0;
    do {
      const res: { body: Page } = await t.get(
        `/v1/items?sort=createdAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((i) => i.title));
      cursor = res.body.nextCursor;
      await Promise.all([
        createItem(t, pledgeBody(sourceId, { title: `late${n++}` })),
        createItem(t, pledgeBody(sourceId, { title: `late${n++}` })),
      ]);
    } while (cursor && n < 40);
    expect(new Set(seen).size).toBe(seen.length);
    for (const title of before) expect(seen).toContain(title);
    const ids = (await t.get('/v1/items?sort=-createdAt&limit=200')).body.data.map(
      (i: { title: string }) => i.title,
    );
    expect(seen).toEqual([...ids].reverse().slice(0, seen.length));
  });

  it.each([
    'sort=title',
    'sort=-dueat',
    'limit=0',
    'limit=10000',
    'limit=abc',
    'cursor=not-a-cursor',
    'cursor=WzEsMl0',
    'asOf=not-a-date&status=agreed',
    'asOf=2024-13-01',
    'status=done',
    'kind=pledge',
    'actorId=1',
    'role=boss',
    'dueBefore=2024-02-30',
    'dueAfter=tomorrow',
    'staleDays=0',
    'staleDays=1.5',
    'unknown=1',
    `q=${'x'.repeat(201)}`,
  ])('should refuse ?%s with 422 and list the failing field', async (query) => {
    const res = await t.get(`/v1/items?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('should refuse a cursor of another sort order with 422, never a 500', async () => {
    const { nextCursor } = (await t.get('/v1/items?sort=createdAt&limit=1')).body;
    expect((await t.get(`/v1/items?sort=relevance&q=aid&cursor=${nextCursor}`)).status).toBe(422);
    const dueCursor = Buffer.from(
      JSON.stringify(['not a date', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    expect((await t.get(`/v1/items?sort=dueAt&cursor=${dueCursor}`)).status).toBe(422);
  });
});
