import { ListItemsQuery } from '../../../src/items/dto/list-items.query';
import { listSql } from '../../../src/items/items.query';
import { RANKED_HITS } from '../../../src/items/search.query';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

type Page = { status: number; body: { data: { id: string }[]; nextCursor: string | null } };

const cursorOf = (cursor: string): unknown[] => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
const asCursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/**
 * `q` ranks by relevance while it matches at most RANKED_HITS texts (titles and statements,
 * quotes); a broader query lists its matches newest first. Either way every match comes once.
 */
describe('search: a broad query', () => {
  let t: TestApp;
  let sourceId: string;
  let titled: string;

  /** Matches of `flotilla` straight from the database, in the order a list promises. */
  const expected = async (order: string): Promise<string[]> =>
    (
      await t.db.query(
        `SELECT m.id FROM (
           SELECT id, max(rank) AS rank FROM (
             SELECT s.id, ts_rank(s.search, pw_tsquery('flotilla')) AS rank FROM items s WHERE s.search @@ pw_tsquery('flotilla')
             UNION ALL
             SELECT c.item_id, ts_rank(c.search, pw_tsquery('flotilla')) FROM citations c WHERE c.search @@ pw_tsquery('flotilla')) h
           GROUP BY id) m JOIN items i ON i.id = m.id
         ORDER BY ${order}`,
      )
    ).map((r: { id: string }) => r.id);

  /** Items whose statement says `flotilla`, created after everything else. */
  const bulk = (n: number) =>
    t.db.query(
      `INSERT INTO items (kind, title, statement, language, initial_status, status, status_since, initial_status_since, created_by, created_at)
       SELECT 'commitment', 'Bulk pledge ' || g, 'A flotilla of boats, number ' || g, 'en', 'proposed', 'proposed', now(), now(), 'test',
              now() + g * interval '1 millisecond'
       FROM generate_series(1, $1::int) g`,
      [n],
    );

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    titled = (await createItem(t, pledgeBody(sourceId, { title: 'A flotilla of demining boats' }))).id;
    for (const n of [1, 2])
      await createItem(
        t,
        pledgeBody(sourceId, { title: `Boats ${n}`, statement: `Boats for the flotilla ${n}.` }),
      );
  });
  afterAll(() => t.close());

  it('should rank up to RANKED_HITS matching texts, keep a ranked cursor ranked, then list a broader query newest first', async () => {
    await bulk(RANKED_HITS - 3);
    const ranked: Page = await t.get('/v1/items?q=flotilla&limit=1');
    expect(ranked.body.data.map((i) => i.id)).toEqual([titled]);
    expect(cursorOf(ranked.body.nextCursor!)).toEqual([expect.any(Number), titled]);

    // One more matching quote (on an item that already matched) makes RANKED_HITS + 1 texts.
    await t.db.query(
      `INSERT INTO citations (item_id, source_id, role, language, quote, created_by) VALUES ($1, $2, 'support', 'en', 'a flotilla', 'test')`,
      [titled, sourceId],
    );
    const broad: Page = await t.get('/v1/items?q=flotilla&limit=50');
    expect(broad.body.data.map((i) => i.id)).toEqual(
      (await expected('i.created_at DESC, i.id DESC')).slice(0, 50),
    );
    expect(cursorOf(broad.body.nextCursor!)).toEqual([expect.any(String), expect.any(String), 'newest']);

    // The ranked cursor taken before goes on in relevance order.
    const next: Page = await t.get(`/v1/items?q=flotilla&limit=2&cursor=${ranked.body.nextCursor}`);
    expect(next.body.data.map((i) => i.id)).toEqual((await expected('m.rank DESC, i.id DESC')).slice(1, 3));
  });

  it('should page through every match of a broad query exactly once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Page = await t.get(`/v1/items?q=flotilla&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    const all = await expected('i.created_at DESC, i.id DESC');
    expect(all).toHaveLength(RANKED_HITS);
    expect(seen).toEqual(all);
  });

  it('should combine a broad query with other filters', async () => {
    const res: Page = await t.get('/v1/items?q=flotilla&tag=military-aid&limit=200');
    expect(res.body.data.map((i) => i.id).sort()).toEqual(
      (await t.db.query(`SELECT id FROM items WHERE title NOT LIKE 'Bulk%'`))
        .map((r: { id: string }) => r.id)
        .sort(),
    );
  });

  it('should remember that a query is broad until a write is notified', async () => {
    const first = async () => ((await t.get('/v1/items?q=flotilla&limit=1')) as Page).body.data[0].id;
    const newest = (await expected('i.created_at DESC, i.id DESC'))[0];
    expect(await first()).toBe(newest);
    // Back to RANKED_HITS texts, unnoticed (no trigger, no notification): the remembered answer holds.
    await t.db.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM citations WHERE quote = 'a flotilla'`);
    });
    expect(await first()).toBe(newest);
    await t.db.query(`SELECT pg_notify('pw_changes', 'test')`);
    let id = await first();
    for (let tries = 0; id !== titled && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      id = await first();
    }
    expect(id).toBe(titled);
  });

  it('should list the items found only through a quote in a broad query, whichever way the walk tests quotes', async () => {
    // Three items that say flotilla only in a quote, newest of all: RANKED_HITS + 3 texts, three of them quotes.
    const quoteOnly: { id: string }[] = await t.db.query(
      `INSERT INTO items (kind, title, statement, language, initial_status, status, status_since, initial_status_since, created_by, created_at)
       SELECT 'commitment', 'Quoted pledge ' || g, 'Boats, number ' || g, 'en', 'proposed', 'proposed', now(), now(), 'test',
              now() + interval '1 day' + g * interval '1 millisecond'
       FROM generate_series(1, 3) g RETURNING id`,
    );
    for (const { id } of quoteOnly)
      await t.db.query(
        `INSERT INTO citations (item_id, source_id, role, language, quote, created_by) VALUES ($1, $2, 'support', 'en', 'the flotilla sails', 'test')`,
        [id, sourceId],
      );
    await t.db.query(`SELECT pg_notify('pw_changes', 'test')`);
    const all = await expected('i.created_at DESC, i.id DESC');
    expect(all).toHaveLength(RANKED_HITS + 3);
    expect(all.slice(0, 3)).toEqual(quoteOnly.map((r) => r.id).reverse());

    // Over HTTP: the counted first page (quotes read once and reused), then pages by cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Page = await t.get(`/v1/items?q=flotilla&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.data.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(all);

    // The same statement with either test of the quotes, first page and a later one: the same rows.
    const ids = async (quotes: 'quoted' | 'probe', after?: string) => {
      const query = Object.assign(new ListItemsQuery(), { q: 'flotilla', limit: 100, cursor: after });
      const { sql, values } = listSql(query, { broadQuery: true, quotes });
      return (await t.db.query(sql, values)).map((r: { id: string }) => r.id);
    };
    expect(await ids('quoted')).toEqual(all.slice(0, 101));
    expect(await ids('probe')).toEqual(all.slice(0, 101));
    const later = (await t.get('/v1/items?q=flotilla&limit=100')).body.nextCursor as string;
    expect(await ids('quoted', later)).toEqual(all.slice(100, 201));
    expect(await ids('probe', later)).toEqual(all.slice(100, 201));
  });

  it.each([
    [
      'a newest-first cursor with another marker',
      [new Date().toISOString(), '00000000-0000-4000-8000-000000000000', 'oldest'],
    ],
    [
      'a newest-first cursor that holds no time',
      ['yesterday-ish', '00000000-0000-4000-8000-000000000000', 'newest'],
    ],
    ['a ranked cursor that holds no rank', ['0.5', '00000000-0000-4000-8000-000000000000']],
  ])('should refuse %s with 422', async (_, values) => {
    const res = await t.get(`/v1/items?q=flotilla&cursor=${asCursor(values)}`);
    expect(res.status).toBe(422);
  });
});
