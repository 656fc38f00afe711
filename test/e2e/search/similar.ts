import { TestApp } from '../../helpers/app';
import { createItem, pledgeBody, startWithSource } from '../../helpers/factories';
import { fullTextQuery, STAGE_LIMIT, WORD_SCAN_LIMIT } from '../../../src/items/similarity/queries';
import { contentWords } from '../../../src/items/similarity/traits';
import { probeOfText, SHOW_SCORE, SimilarItems } from '../../../src/items/similar';

const FR_QUOTE =
  'il avait également proposé que les Alliés fournissent chaque année à l’Ukraine une assistance militaire équivalant à au moins 40 milliards d’euros';

/** The same pledge across languages and wordings (GET /v1/items/similar, possibleDuplicates). */
describe('similar pledges', () => {
  let t: TestApp;
  let sourceId: string;

  beforeAll(async () => {
    ({ t, sourceId } = await startWithSource());
  });
  afterAll(() => t.close());

  const similar = async (text: string) => {
    const res = await t.get(`/v1/items/similar?text=${encodeURIComponent(text)}`);
    expect(res.status).toBe(200);
    return res.body.data as Array<{
      id: string;
      score: number;
      signals: { amount: boolean; words: string[]; actors: string[] };
    }>;
  };

  it('should find the €40bn pledge logged from the French article from an English paraphrase', async () => {
    const french = await createItem(
      t,
      pledgeBody(sourceId, {
        title:
          'Les Alliés fournissent chaque année à l’Ukraine au moins 40 milliards d’euros d’aide militaire',
        statement: FR_QUOTE,
        language: 'fr',
        citations: [{ sourceId, role: 'origin', language: 'fr', quote: FR_QUOTE }],
      }),
    );
    const found = await similar('Allies to give Ukraine 40 billion euros of military aid every year');
    expect(found[0]).toMatchObject({ id: french.id, signals: { amount: true } });
    expect(found[0].signals.words).toEqual(expect.arrayContaining(['aid', 'military', 'year']));
    expect(found[0].signals.actors).toContain('ukraine');
  });

  it('should find a pledge logged in English from its French report', async () => {
    const english = await createItem(
      t,
      pledgeBody(sourceId, { title: 'Allies provide Ukraine at least €40bn of military aid per year' }),
    );
    const found = await similar(
      'Les Alliés verseront au moins 40 milliards d’euros par an d’aide militaire à l’Ukraine',
    );
    expect(found.map((f) => f.id)).toContain(english.id);
  });

  it('should find a pledge without an amount by its words in the other language', async () => {
    const quote =
      's’apprêtent à entériner l’établissement, en Pologne, d’un centre conjoint OTAN-Ukraine d’analyse, d’entraînement et de formation (JATEC)';
    const jatec = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'Centre conjoint OTAN-Ukraine d’analyse, d’entraînement et de formation (JATEC) en Pologne',
        statement: quote,
        language: 'fr',
        amount: null,
        recurrence: null,
        citations: [{ sourceId, role: 'origin', language: 'fr', quote }],
      }),
    );
    const found = await similar('NATO and Ukraine to open a joint training centre in Poland');
    expect(found.map((f) => f.id)).toContain(jatec.id);
    expect(found.find((f) => f.id === jatec.id)?.signals.words).toEqual(
      expect.arrayContaining(['training', 'centre', 'poland']),
    );
  });

  it('should not offer a pledge of another amount on another subject', async () => {
    const found = await similar('Japan promises $1.5 billion to the Green Climate Fund');
    expect(found).toEqual([]);
  });

  it('should hint the French pledge when the English one is created', async () => {
    const res = await t.post(
      '/v1/items',
      pledgeBody(sourceId, { title: 'NATO allies: €40bn a year in military aid for Kyiv' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.possibleDuplicates.length).toBeGreaterThanOrEqual(2);
    expect(res.body.possibleDuplicates[0].signals.amount).toBe(true);
  });

  it('should hint an item with the same title, case and accents aside, when there is no amount and too few words to search', async () => {
    const body = (title: string) =>
      pledgeBody(sourceId, {
        title,
        statement: 'Réarmement.',
        language: 'fr',
        amount: null,
        recurrence: null,
      });
    const first = await createItem(t, body('Réarmement'));
    const res = await t.post('/v1/items', body('RÉARMEMENT'));
    expect(res.status).toBe(201);
    expect(res.body.possibleDuplicates).toEqual([
      expect.objectContaining({
        id: first.id,
        signals: expect.objectContaining({ amount: false, trigram: 1 }),
      }),
    ]);
  });

  it('should find for a batch of texts, in one statement, what it finds for each text alone', async () => {
    const engine = t.app.get(SimilarItems);
    const texts = [
      'The allies will give Ukraine military aid of at least EUR 40 billion every year',
      'Les Alliés fourniront 40 milliards d’euros d’aide militaire par an',
      'Réarmement',
      'A pledge about something else entirely: EUR 3 for a bicycle',
    ];
    const probes = texts.map((text, i) => ({
      ...probeOfText(text),
      ...(i === 1 ? { kind: 'commitment' } : {}),
    }));
    const options = { limit: 5, minScore: SHOW_SCORE };
    const together = await engine.findMany(t.db.manager, probes, options);
    const alone = await Promise.all(
      probes.map((p) => engine.find(t.db.manager, p, { ...options, ...(p.kind ? { kind: p.kind } : {}) })),
    );
    expect(together).toEqual(alone);
    expect(together.flat().length).toBeGreaterThan(2);
  });

  describe('full-text stage', () => {
    const claim = (title: string) =>
      pledgeBody(sourceId, {
        kind: 'claim',
        title,
        statement: `${title}.`,
        amount: null,
        recurrence: null,
        status: 'unverified',
      });
    const wordStage = (text: string) => {
      const q = fullTextQuery(contentWords(text, 'en'));
      if (!q) throw new Error(`no full-text query for ${text}`);
      return q;
    };

    it('should take items holding two of the words, not one', async () => {
      const both = await createItem(t, claim('Electrolyser plant in Gdansk'));
      const one = await createItem(t, claim('Gdansk harbour'));
      const { sql, values } = wordStage('plant Gdansk');
      const ids = (await t.db.query<Array<{ id: string }>>(sql, values)).map((r) => r.id);
      expect(ids).toContain(both.id);
      expect(ids).not.toContain(one.id);
    });

    /** `count` copies of an item, titled `<title> <n>`, straight in SQL (faster than the API). */
    const copies = async (title: string, count: number) => {
      const item = await createItem(t, claim(title));
      await t.db.query(
        `INSERT INTO items (kind, title, statement, language, initial_status, status, status_since,
           initial_status_since, last_activity_at, created_by)
         SELECT kind, title || ' ' || g, statement, language, initial_status, status, status_since,
           initial_status_since, last_activity_at, created_by
         FROM items, generate_series(1, $2::int) AS g WHERE id = $1`,
        [item.id, count],
      );
    };

    it('should take the rows holding the most words first', async () => {
      await copies('Basalt obsidian', STAGE_LIMIT + 10);
      const three = await createItem(t, claim('Basalt obsidian granite'));
      const { sql, values } = wordStage('basalt obsidian granite');
      const ids = (await t.db.query<Array<{ id: string }>>(sql, values)).map((r) => r.id);
      expect(ids).toHaveLength(STAGE_LIMIT);
      expect(ids[0]).toBe(three.id);
    });

    it('should fetch as many candidates a stage as a lookup asks results for', async () => {
      const found = await similar('basalt obsidian granite');
      expect(found).toHaveLength(10);
      const res = await t.get(
        `/v1/items/similar?text=${encodeURIComponent('basalt obsidian granite')}&limit=25`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(25);
    });

    it('should examine at most WORD_SCAN_LIMIT rows holding a word, however many do', async () => {
      await copies('Quartz', WORD_SCAN_LIMIT + 100);
      await createItem(t, claim('Quartz zeppelin'));
      const { sql, values } = wordStage('quartz zeppelin');
      const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values);
      type PlanNode = {
        'Relation Name'?: string;
        'Actual Rows': number;
        'Rows Removed by Filter'?: number;
        Plans?: PlanNode[];
      };
      const scans = (node: PlanNode): PlanNode[] => [
        ...(node['Relation Name'] === 'items' ? [node] : []),
        ...(node.Plans ?? []).flatMap(scans),
      ];
      const [scan] = scans(plan[0].Plan);
      // WORD_SCAN_LIMIT + 102 rows hold "quartz"; the target is the last of them.
      const examined = scan['Actual Rows'] + (scan['Rows Removed by Filter'] ?? 0);
      expect(examined).toBeLessThan(WORD_SCAN_LIMIT + 102);
      expect(scan['Actual Rows']).toBe(WORD_SCAN_LIMIT);
    });
  });
});
