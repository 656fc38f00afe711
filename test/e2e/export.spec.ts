import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../helpers/factories';

/** Minimal RFC 4180 reader for the assertions: quoted cells, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return records;
}

describe('export', () => {
  let t: TestApp;
  let sourceId: string;
  let tricky: { id: string };

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    const actor = await createActor(t, { name: 'Jens Stoltenberg', kind: 'person' });
    await createItem(t, pledgeBody(sourceId, { actors: [{ actorId: actor.id, role: 'speaker' }] }));
    tricky = await createItem(
      t,
      pledgeBody(sourceId, {
        kind: 'claim',
        status: 'unverified',
        amount: null,
        recurrence: null,
        tags: ['=cmd', 'quotes'],
        title: '=HYPERLINK("http://evil.example","click")',
        statement: 'Line one, with a comma\nand "quotes" on line two',
        language: 'fr',
      }),
    );
  });
  afterAll(() => t.close());

  it('should stream CSV with a BOM, a header, RFC 4180 quoting and defused formulas', async () => {
    const res = await t.get('/v1/items/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('items.csv');
    expect(res.text.startsWith('\uFEFFid,kind,status,')).toBe(true);
    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({
      id: tricky.id,
      title: `'=HYPERLINK("http://evil.example","click")`,
      statement: 'Line one, with a comma\nand "quotes" on line two',
      tags: "'=cmd; quotes",
      amountValue: '',
    });
    const pledge = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(pledge).toMatchObject({
      amountValue: '40000000000',
      amountCurrency: 'EUR',
      amountQualifier: 'at_least',
      actors: 'Jens Stoltenberg (speaker)',
    });
    expect(pledge.originUrl).toMatch(/^https:\/\/example\.org\//);
  });

  it('should write every cell as stored with ?formulaGuard=false, and refuse other values', async () => {
    const res = await t.get(`/v1/items/export?formulaGuard=false&q=${encodeURIComponent('HYPERLINK')}`);
    expect(res.status).toBe(200);
    const [header, row] = parseCsv(res.text.slice(1));
    expect(Object.fromEntries(header.map((h, i) => [h, row[i]]))).toMatchObject({
      title: '=HYPERLINK("http://evil.example","click")',
      tags: '=cmd; quotes',
    });
    const bad = await t.get('/v1/items/export?formulaGuard=no');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['formulaGuard']);
  });

  it('should refuse ";" in tags on create and update (422 naming tags), so the tags cell splits back exactly', async () => {
    const refused = await t.post('/v1/items', pledgeBody(sourceId, { tags: ['aid; training'] }));
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['tags']);
    const tags = ['split-check', 'two words', '-minus', 'comma,inside', 'quote"d', 'trailing '];
    // A claim: the NDJSON test below counts the commitments.
    const claim = { kind: 'claim', status: 'unverified', amount: null, recurrence: null };
    const item = await createItem(t, pledgeBody(sourceId, { ...claim, tags }));
    const patched = await t.patch(
      `/v1/items/${item.id}`,
      { tags: ['a;b'] },
      { headers: { 'if-match': `"${item.version}"` } },
    );
    expect(patched.status).toBe(422);
    expect(patched.body.errors.map((e: { path: string }) => e.path)).toEqual(['tags']);
    const res = await t.get('/v1/items/export?formulaGuard=false&tag=split-check');
    const [header, row] = parseCsv(res.text.slice(1));
    expect(row[header.indexOf('tags')].split('; ')).toEqual(tags);
  });

  it('should stream NDJSON, one item per line, with the list filters applied', async () => {
    const res = await t.get('/v1/items/export?format=ndjson&kind=commitment');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      kind: 'commitment',
      amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
      tags: ['military-aid'],
    });
    expect(lines[0].actors).toEqual([expect.objectContaining({ name: 'Jens Stoltenberg', role: 'speaker' })]);
  });

  it('should answer a header only when nothing matches', async () => {
    const res = await t.get('/v1/items/export?q=submarine');
    expect(res.status).toBe(200);
    expect(parseCsv(res.text.slice(1))).toHaveLength(1);
    expect((await t.get('/v1/items/export?format=ndjson&q=submarine')).text).toBe('');
  });

  it.each(['format=xlsx', 'sort=dueAt', 'limit=5', 'status=done', 'asOf=tomorrow'])(
    'should refuse ?%s with 422',
    async (query) => {
      expect((await t.get(`/v1/items/export?${query}`)).status).toBe(422);
    },
  );

  it('should give each citation its source and, in a text with pages, the page it starts on', async () => {
    const report = await createSource(t, {
      language: 'en',
      kind: 'report',
      text: 'Annual report, page one.\fOn page two the ministry pledged 5 million euros for school repairs.',
    });
    const item = await createItem(
      t,
      pledgeBody(report.id, {
        kind: 'claim',
        status: 'unverified',
        amount: null,
        recurrence: null,
        tags: ['paged'],
        citations: [
          { sourceId: report.id, role: 'origin', quote: 'the ministry pledged 5 million euros' },
          { sourceId, role: 'support', language: 'fr', quote: PLEDGE_QUOTE },
        ],
      }),
    );
    const csv = await t.get('/v1/items/export?tag=paged');
    const [header, row] = parseCsv(csv.text.slice(1));
    const cells = Object.fromEntries(header.map((h, i) => [h, row[i]]));
    expect(cells).toMatchObject({ id: item.id, originUrl: report.url });
    // In the order GET /v1/items/:id lists them (created together here, so by id).
    const listed = (await t.get(`/v1/items/${item.id}`)).body.citations as { role: string }[];
    const article = (await t.get(`/v1/sources/${sourceId}`)).body.url as string;
    const cell = { origin: `origin ${report.url} p. 2`, support: `support ${article}` };
    expect(cells.citations).toBe(listed.map((c) => cell[c.role as keyof typeof cell]).join('; '));

    const [line] = (await t.get('/v1/items/export?format=ndjson&tag=paged')).text.trimEnd().split('\n');
    expect(JSON.parse(line)).toMatchObject({
      originUrl: report.url,
      citations: expect.arrayContaining([
        { sourceId: report.id, role: 'origin', url: report.url, page: 2 },
        { sourceId, role: 'support', url: article, page: null },
      ]),
    });
  });

  it('should release its connection: many exports in a row do not exhaust the pool', async () => {
    for (let i = 0; i < 25; i++) expect((await t.get('/v1/items/export?format=ndjson')).status).toBe(200);
    expect((await t.get('/v1/items')).status).toBe(200);
  });

  describe('GET /v1/items/:id/claim-review', () => {
    it('should describe a claim with a verdict as schema.org ClaimReview', async () => {
      const claim = await createItem(
        t,
        pledgeBody(sourceId, {
          kind: 'claim',
          status: 'unverified',
          title: 'Ministers met in Brussels',
          statement: 'NATO defence ministers met in Brussels on 13 June 2024.',
          amount: null,
          recurrence: null,
        }),
      );
      expect((await t.get(`/v1/items/${claim.id}/claim-review`)).status).toBe(422);
      const verdict = await t.post(`/v1/items/${claim.id}/updates`, {
        status: 'confirmed',
        note: 'The article says so',
        evidence: [{ sourceId }],
      });
      expect(verdict.status).toBe(201);
      const res = await t.get(`/v1/items/${claim.id}/claim-review`, { headers: { host: 'evil.example' } });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(res.body).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: 'NATO defence ministers met in Brussels on 13 June 2024.',
        itemReviewed: {
          '@type': 'Claim',
          name: 'Ministers met in Brussels',
          firstAppearance: { '@type': 'CreativeWork', datePublished: '2024-06-13T18:00:00.000Z' },
        },
        reviewRating: {
          '@type': 'Rating',
          ratingValue: 4,
          bestRating: 4,
          worstRating: 1,
          alternateName: 'Confirmed',
        },
      });
      // Links come from PUBLIC_BASE_URL (default http://localhost:3000), never from the Host header.
      expect(res.body.url).toBe(`http://localhost:3000/#/items/${claim.id}`);
      expect(res.body.author).toEqual({
        '@type': 'Organization',
        name: 'Pledgewatch',
        url: 'http://localhost:3000/',
      });
      expect(res.body.itemReviewed.datePublished).toBe('2024-06-13T18:00:00.000Z');
      expect(res.body.inLanguage).toBe('en');
      expect(res.body.itemReviewed.appearance[0].inLanguage).toBe('fr');
      // Nobody is named as saying it: the source's publisher is the claim's author.
      expect(res.body.itemReviewed.author).toEqual([{ '@type': 'Organization', name: 'Tunisie Focus' }]);
      const page = 'https://factcheck.example.org/2024/ministers-met';
      const published = await t.get(`/v1/items/${claim.id}/claim-review?url=${encodeURIComponent(page)}`);
      expect(published.body.url).toBe(page);
      for (const bad of ['javascript:alert(1)', 'not a url'])
        expect(
          (await t.get(`/v1/items/${claim.id}/claim-review?url=${encodeURIComponent(bad)}`)).status,
        ).toBe(422);
    });

    it('should refuse a commitment (422) and an unknown id (404)', async () => {
      const [commitment] = (await t.get('/v1/items?kind=commitment')).body.data;
      expect((await t.get(`/v1/items/${commitment.id}/claim-review`)).body.code).toBe('ITEM.NO_CLAIM_REVIEW');
      expect((await t.get('/v1/items/00000000-0000-4000-8000-000000000000/claim-review')).status).toBe(404);
    });
  });
});
