import { TestApp } from '../../helpers/app';
import { createActor, createItem, pledgeBody, startWithSource } from '../../helpers/factories';

describe('items', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  it('should keep where the quote was found as TextQuote and TextPosition selectors', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const { textQuote, textPosition } = item.citations[0].selectors;
    expect(textQuote.exact).toBe(
      'fournissent chaque année à l’Ukraine une assistance militaire équivalant à au moins 40 milliards d’euros',
    );
    expect(textQuote.prefix.length).toBeGreaterThan(0);
    expect(textPosition.end - textPosition.start).toBe([...textQuote.exact].length);
    expect(item).toMatchObject({
      status: 'proposed',
      version: 1,
      amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    });
  });

  it('should attach actors with their names and roles', async () => {
    const nato = await createActor(t, { name: 'NATO', kind: 'organization' });
    const item = await createItem(
      t,
      pledgeBody(sourceId, { actors: [{ actorId: nato.id, role: 'pledger' }] }),
    );
    expect(item.actors).toEqual([{ actorId: nato.id, name: 'NATO', kind: 'organization', role: 'pledger' }]);
    const listed = await t.get(`/v1/items?actorId=${nato.id}&role=pledger`);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([item.id]);
  });

  it.each([
    [
      'a quote not in the source',
      { citations: [{ sourceId: '$source', role: 'origin', quote: 'la paix est signée' }] },
      'ITEM.QUOTE_NOT_IN_SOURCE',
      'citations.0.quote',
    ],
    [
      'no origin citation',
      { citations: [{ sourceId: '$source', role: 'support', quote: 'Bruxelles' }] },
      'ITEM.ORIGIN_CITATION_REQUIRED',
      'citations',
    ],
    [
      'a claim with a commitment status',
      { kind: 'claim', amount: undefined, recurrence: undefined, status: 'agreed' },
      'ITEM.STATUS_NOT_ON_SCALE',
      'status',
    ],
    [
      'a claim with an amount',
      { kind: 'claim', recurrence: undefined, status: 'unverified' },
      'ITEM.COMMITMENT_ONLY_FIELD',
      'amount',
    ],
    [
      'a float amount',
      { amount: { value: 4e10, currency: 'EUR' } },
      'REQUEST.VALIDATION_FAILED',
      'amount.value',
    ],
    [
      'an exponent amount',
      { amount: { value: '4e10', currency: 'EUR' } },
      'REQUEST.VALIDATION_FAILED',
      'amount.value',
    ],
    [
      'a negative amount',
      { amount: { value: '-5', currency: 'EUR' } },
      'REQUEST.VALIDATION_FAILED',
      'amount.value',
    ],
    [
      'an unknown currency',
      { amount: { value: '5', currency: 'EUX' } },
      'REQUEST.VALIDATION_FAILED',
      'amount.currency',
    ],
    [
      'an unknown actor',
      { actors: [{ actorId: '00000000-0000-4000-8000-000000000000', role: 'pledger' }] },
      'ITEM.UNKNOWN_ACTOR',
      'actors.0.actorId',
    ],
    [
      'an unknown source',
      { citations: [{ sourceId: '00000000-0000-4000-8000-000000000000', role: 'origin', quote: 'x' }] },
      'ITEM.UNKNOWN_SOURCE',
      'citations.0.sourceId',
    ],
    [
      'a malformed actor id',
      { actors: [{ actorId: 'nope', role: 'pledger' }] },
      'REQUEST.VALIDATION_FAILED',
      'actors.0.actorId',
    ],
    ['an impossible date', { dueAt: '2024-02-30' }, 'REQUEST.VALIDATION_FAILED', 'dueAt'],
    [
      'a period ending before it starts',
      { periodStart: '2025-01-01', periodEnd: '2024-01-01' },
      'ITEM.INVALID_PERIOD',
      'periodEnd',
    ],
  ])('should reject %s with 422, naming the field, and store nothing', async (_, overrides, code, path) => {
    const body = JSON.parse(JSON.stringify(pledgeBody(sourceId, overrides)).replaceAll('$source', sourceId));
    const before = await t.count('items');
    const res = await t.post('/v1/items', body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.count('items')).toBe(before);
  });

  it('should list every failing field at once', async () => {
    const res = await t.post('/v1/items', { kind: 'rumour', title: '', language: 'fr', citations: [] });
    expect(res.status).toBe(422);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'title', 'statement', 'citations']));
  });

  describe('PATCH with If-Match', () => {
    it('should need If-Match (428), refuse a stale one (412) and bump the version', async () => {
      const item = await createItem(t, pledgeBody(sourceId));
      const url = `/v1/items/${item.id}`;
      expect((await t.patch(url, { title: 'No header' })).status).toBe(428);
      const ok = await t.patch(
        url,
        { title: 'Renamed', tags: ['a', 'a', 'b'] },
        { headers: { 'if-match': '"1"' } },
      );
      expect([ok.status, ok.headers.etag, ok.body.version, ok.body.tags]).toEqual([
        200,
        '"2"',
        2,
        ['a', 'b'],
      ]);
      const stale = await t.patch(url, { title: 'Stale' }, { headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect((await t.get(url)).body.title).toBe('Renamed');
    });

    it('should refuse a status change (422) and answer 404 for an unknown item', async () => {
      const item = await createItem(t, pledgeBody(sourceId));
      expect(
        (await t.patch(`/v1/items/${item.id}`, { status: 'fulfilled' }, { headers: { 'if-match': '"1"' } }))
          .status,
      ).toBe(422);
      expect(
        (
          await t.patch(
            '/v1/items/00000000-0000-4000-8000-000000000000',
            { title: 'x' },
            { headers: { 'if-match': '"1"' } },
          )
        ).status,
      ).toBe(404);
    });
  });
});
