import { TestApp } from '../../helpers/app';
import { createActor, createSource } from '../../helpers/factories';
import { loadArticles } from '../../eval/score';

interface CandidateBody {
  kind: string;
  quote: string;
  selectors: Array<{ type: string; start?: number; end?: number; exact?: string }>;
  actors: Array<{ name: string; actorId: string | null; role: string }>;
  amount: { value: string; currency: string; qualifier: string } | null;
  statusHint: string;
  dueAt: string | null;
  existingItemIds: string[];
  cues: string[];
  explanation: Array<{ feature: string; weight: number }>;
  draft: Record<string, unknown>;
}

/** GET /v1/sources/:id/candidates: proposals from the stored text, each a draft POST /v1/items accepts. */
describe('candidates', () => {
  let t: TestApp;
  // The seed article and the 26 corpus articles: every draft goes through POST /v1/items. The
  // added fitting articles (extra/) run the same code path; the unit specs and the evaluation
  // cover them, without ~1,000 more HTTP round trips here.
  const articles = loadArticles().filter((a) => !a.name.startsWith('extra/'));

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const candidatesOf = async (sourceId: string, key?: string) => {
    const res = await t.get(`/v1/sources/${sourceId}/candidates`, key === undefined ? {} : { key });
    expect(res.status).toBe(200);
    return res.body as { data: CandidateBody[]; language: string };
  };

  it('should propose the NATO article’s pledges with stored actors matched by name or alias', async () => {
    const allies = await createActor(t, { name: 'NATO', kind: 'organization', aliases: ['OTAN', 'Alliés'] });
    const poland = await createActor(t, { name: 'Poland', kind: 'country', aliases: ['Pologne'] });
    const source = await createSource(t);
    const { data, language } = await candidatesOf(source.id, t.keys.viewer);
    expect(language).toBe('fr');
    const pledge = data.find((c) => c.amount?.value === '40000000000');
    expect(pledge).toMatchObject({
      kind: 'commitment',
      statusHint: 'proposed',
      amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
      existingItemIds: [],
    });
    expect(pledge?.actors).toContainEqual({ name: 'Alliés', actorId: allies.id, role: 'pledger' });
    // Why: the model's strongest features, strongest first.
    expect(pledge?.explanation.length).toBeGreaterThan(0);
    const weights = pledge!.explanation.map((r) => r.weight);
    expect(weights.every((w) => w > 0)).toBe(true);
    const jatec = data.find((c) => c.quote.includes('JATEC'));
    expect(jatec?.actors.find((a) => a.actorId === poland.id)).toBeDefined();
    const tomorrow = data.find((c) => c.quote.includes('demain'));
    expect(tomorrow).toMatchObject({ statusHint: 'proposed', dueAt: '2024-06-14' });
    const [quoteSelector, position] = pledge!.selectors;
    expect(quoteSelector).toMatchObject({ type: 'TextQuoteSelector', exact: pledge!.quote });
    expect(position.type).toBe('TextPositionSelector');
  });

  it.each(articles.map((a) => [a.name, a] as const))(
    'should give drafts that POST /v1/items accepts for %s, then show them as handled',
    async (_, article) => {
      const source = await createSource(t, {
        language: article.language,
        publishedAt: article.publishedAt,
        text: article.text,
      });
      const { data } = await candidatesOf(source.id);
      expect(data.length).toBeGreaterThan(0);
      const created: string[] = [];
      for (const c of data) {
        const res = await t.post('/v1/items', c.draft);
        expect({
          article: article.name,
          quote: c.quote,
          status: res.status,
          body: res.status === 201 ? null : res.body,
        }).toMatchObject({ status: 201 });
        created.push(res.body.id as string);
      }
      const again = await candidatesOf(source.id);
      again.data.forEach((c, i) => expect(c.existingItemIds).toContain(created[i]));
    },
  );

  it('should draft a range as between and a share of GDP as a target, never as money', async () => {
    const text =
      'Le gouvernement a proposé une hausse de 2,5 à 3 milliards d’euros. Les Alliés se sont engagés à porter leurs dépenses de défense à 5 % du PIB d’ici 2035.';
    const source = await createSource(t, { text });
    const [range, gdp] = (await candidatesOf(source.id)).data;
    expect(range.amount).toEqual({ value: '3000000000', currency: 'EUR', qualifier: 'up_to' });
    expect(range.draft.amount).toEqual({
      value: '2500000000',
      valueMax: '3000000000',
      currency: 'EUR',
      qualifier: 'between',
    });
    expect(gdp).toMatchObject({
      amount: null,
      target: { value: '5', unit: 'percent_of_gdp' },
      dueAt: '2035-12-31',
    });
    for (const c of [range, gdp]) expect((await t.post('/v1/items', c.draft)).status).toBe(201);
  });

  it('should find the same pledge logged from another source of the same text', async () => {
    const first = await createSource(t);
    const { data } = await candidatesOf(first.id);
    const pledge = data.find((c) => c.amount?.value === '40000000000')!;
    const logged = await t.post('/v1/items', pledge.draft);
    expect(logged.status).toBe(201);
    const copy = await createSource(t, { title: 'Reprise de la dépêche' });
    const again = (await candidatesOf(copy.id)).data.find((c) => c.amount?.value === '40000000000');
    expect(again?.existingItemIds).toContain(logged.body.id);
  });

  it('should detect the language when the tag is undetermined', async () => {
    const source = await createSource(t, { language: 'und' });
    expect((await candidatesOf(source.id)).language).toBe('fr');
  });

  it.each([
    ['without text', { text: null }, 'CANDIDATES.NO_TEXT'],
    [
      'in Ukrainian',
      { language: 'uk', text: 'Міністри оборони НАТО зібралися в Брюсселі.' },
      'CANDIDATES.UNSUPPORTED_LANGUAGE',
    ],
  ])('should answer 422 for a source %s', async (_, overrides, code) => {
    const source = await createSource(t, overrides);
    const res = await t.get(`/v1/sources/${source.id}/candidates`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe(code);
  });

  it('should answer 404 for an unknown source and 401 without a key', async () => {
    expect((await t.get('/v1/sources/00000000-0000-4000-8000-000000000000/candidates')).status).toBe(404);
    const source = await createSource(t);
    expect((await t.get(`/v1/sources/${source.id}/candidates`, { key: null })).status).toBe(401);
  });
});
