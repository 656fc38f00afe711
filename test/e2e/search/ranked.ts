import { loadNatoRecords } from '../../../src/demo/load';
import { NATO_TEXT, TestApp } from '../../helpers/app';

/** Full-text `q` on items (title, statement, quotes), and `q` on sources and actors. */
describe('search', () => {
  let t: TestApp;
  const titles = async (q: string) => {
    const res = await t.get(`/v1/items?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.body.data.map((i: { title: string }) => i.title);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    await loadNatoRecords(t.app, NATO_TEXT);
  });
  afterAll(() => t.close());

  it.each(['milliard', 'milliards', 'MILLIARDS'])(
    'should find the €40bn pledge by its French quote with q=%s',
    async (q) => {
      expect(await titles(q)).toEqual(['Allies provide Ukraine at least €40bn of military aid per year']);
    },
  );

  it.each(['entraînement', 'entrainement', 'ENTRAÎNEMENT'])(
    'should find JATEC with or without accents: q=%s',
    async (q) => {
      expect(await titles(q)).toEqual([
        'Joint NATO–Ukraine analysis, training and education centre (JATEC) in Poland',
      ]);
    },
  );

  it('should stem English titles and statements: q=trainings finds both training items', async () => {
    expect((await titles('trainings')).sort()).toEqual([
      'Joint NATO–Ukraine analysis, training and education centre (JATEC) in Poland',
      'NATO security assistance and training programme for Ukraine',
    ]);
  });

  it('should rank a title match above a statement-only match', async () => {
    const res = await t.get('/v1/items?q=roadmap');
    expect(res.body.data[0].title).toBe('First NATO–Ukraine innovation cooperation roadmap');
  });

  it('should require every word of a multi-word query', async () => {
    expect(await titles('training Poland')).toEqual([
      'Joint NATO–Ukraine analysis, training and education centre (JATEC) in Poland',
    ]);
  });

  it('should find nothing for a word that occurs nowhere', async () => {
    expect(await titles('submarine')).toEqual([]);
  });

  it('should combine q with other filters', async () => {
    const res = await t.get('/v1/items?q=Brussels&kind=commitment');
    expect(res.body.data).toEqual([]);
    expect((await t.get('/v1/items?q=Brussels&kind=claim')).body.data).toHaveLength(1);
  });

  it('should page through ranked results without repeating or skipping', async () => {
    const all = (await t.get('/v1/items?q=Ukraine&limit=200')).body.data.map((i: { id: string }) => i.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.get(
        `/v1/items?q=Ukraine&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.data.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('should refuse sort=relevance without q', async () => {
    const res = await t.get('/v1/items?sort=relevance');
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('sort');
  });

  it('should find sources by title or publisher, ignoring case and accents', async () => {
    expect((await t.get('/v1/sources?q=DEFENSE')).body.data).toHaveLength(1);
    expect((await t.get('/v1/sources?q=tunisie')).body.data).toHaveLength(1);
    expect((await t.get('/v1/sources?q=le%20monde')).body.data).toHaveLength(0);
  });

  it('should find an actor through an alias spelled without accents', async () => {
    const res = await t.get('/v1/actors?q=oumierov');
    expect(res.body.data.map((a: { name: string }) => a.name)).toEqual(['Rustem Umerov']);
  });

  it('should use the trigram and full-text indexes for q (no sequential scan of items)', async () => {
    await t.db.query('SET enable_seqscan = off');
    const plan = async (sql: string, params: unknown[]) =>
      JSON.stringify(await t.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params));
    const items = await plan(`SELECT s.id FROM items s WHERE s.search @@ pw_tsquery($1)`, ['milliard']);
    expect(items).toContain('items_search');
    const sources = await plan(
      `SELECT id FROM sources s WHERE pw_fold(s.title || ' ' || coalesce(s.publisher, '') || ' ' || coalesce(s.author, '')) LIKE '%' || pw_fold($1) || '%'`,
      ['tunisie'],
    );
    expect(sources).toContain('sources_q_trgm');
  });
});
