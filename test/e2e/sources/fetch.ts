import { createHash } from 'node:crypto';
import { TestApp } from '../../helpers/app';
import { fixturePage, PageServer } from '../../helpers/page-server';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** What a researcher expects from each fixture page (test/fixtures/pages, written for these tests). */
const PAGES = [
  {
    file: 'fr-sante-quebec.html',
    contentType: 'text/html; charset=utf-8',
    title: 'Santé : les 900 M$ d’Ottawa iront au réseau, assure Christian Dubé',
    author: 'Claire Tremblay',
    publisher: 'Le Courrier du Fleuve',
    language: 'fr',
    publishedAt: '2024-03-20T18:05:00.000Z',
    inText: ['la totalité des 900 millions $ obtenus d’Ottawa', 'cet argent sera investi, « c’est sûr »'],
    notInText: [
      'témoins (cookies)',
      'Ginette',
      'À lire aussi',
      'Urgences',
      'Tous droits réservés',
      'dataLayer',
    ],
  },
  {
    // OpenGraph contradicts JSON-LD (title and date of a later share card): the structured data wins.
    file: 'en-global-fund.html',
    contentType: 'text/html; charset=utf-8',
    title: 'Donors pledge $14bn to the Global Fund at the Lyon conference',
    author: 'Daniel Okafor',
    publisher: 'The Harbour Ledger',
    language: 'en',
    publishedAt: '2019-10-10T18:30:00.000Z',
    inText: ['amounted to US$14.02 billion', 'lifting the total to $13.92 billion'],
    notInText: [
      '842 partners',
      'Most read',
      'Related stories',
      'Comments are closed',
      'Morning Ledger newsletter',
    ],
  },
  {
    file: 'en-global-fund.amp.html',
    contentType: 'text/html; charset=utf-8',
    title: 'Donors pledge $14bn to the Global Fund at the Lyon conference',
    author: 'Daniel Okafor',
    publisher: 'The Harbour Ledger',
    language: 'en',
    publishedAt: '2019-10-10T18:30:00.000Z',
    inText: ['beating the goal set for its replenishment conference in Lyon, France.'],
    notInText: ['View the full page'],
  },
  {
    // Latin-1 bytes, no charset in the header or the page, no lang attribute: read as Windows-1252, French detected.
    file: 'fr-metro-toulouse.latin1.html',
    contentType: 'text/html',
    title: "Métro toulousain : l'État apporte 20,5 millions d'euros pour prolonger la ligne B",
    author: 'Béatrice Colin',
    publisher: null,
    language: 'fr',
    publishedAt: '2014-12-18T09:42:00.000Z',
    inText: ["la ministre de l'Écologie, Ségolène Royal", 'de Ramonville à Labège-La Cadène'],
    notInText: ['Pierrot31', 'Petites annonces', 'mentions légales'],
  },
];

describe('sources fetched by URL', () => {
  let t: TestApp;
  let web: PageServer;
  beforeAll(async () => {
    t = await TestApp.start({ SOURCE_FETCH_TIMEOUT_MS: '1500' });
    web = await PageServer.start();
  });
  afterAll(async () => {
    await t.close();
    await web.close();
  });

  it.each(PAGES)(
    'should read $file: title, byline, language, date and the article text only',
    async (page) => {
      const url = web.put(`/pages/${page.file}`, fixturePage(page.file), page.contentType);
      const res = await t.post('/v1/sources/fetch', { url }, { key: t.keys.editor });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        url,
        title: page.title,
        author: page.author,
        publisher: page.publisher,
        language: page.language,
        publishedAt: page.publishedAt,
        kind: 'news_article',
        mediaType: 'text/html',
      });
      const text: string = (await t.get(`/v1/sources/${res.body.id}/text`)).body.text;
      expect(res.body.contentHash).toBe(sha256(text));
      for (const passage of page.inText) expect(text).toContain(passage);
      for (const noise of page.notInText) expect(text).not.toContain(noise);
      expect(res.body.snapshot).toMatchObject({
        sourceId: res.body.id,
        contentType: page.contentType,
        sha256: sha256(fixturePage(page.file)),
        size: fixturePage(page.file).length,
        finalUrl: url,
      });
    },
  );

  it('should keep the language a researcher gives and let quotes of the extracted text verify', async () => {
    const url = web.put('/lang/given', fixturePage('en-global-fund.html'));
    const source = (await t.post('/v1/sources/fetch', { url, language: 'en-GB', kind: 'report' })).body;
    expect(source).toMatchObject({ language: 'en-GB', kind: 'report' });
    const item = await t.post('/v1/items', {
      kind: 'claim',
      title: 'Global Fund pledges reached $14.02bn',
      statement: 'Recorded from the source.',
      language: 'en',
      status: 'unverified',
      citations: [
        {
          sourceId: source.id,
          role: 'origin',
          quote: 'pledges and commitments secured that day amounted to US$14.02 billion',
        },
      ],
    });
    expect(item.body.errors ?? []).toEqual([]);
    expect(item.status).toBe(201);
  });

  it('should follow redirects, recording the final URL, and give up after five', async () => {
    const final = web.put('/moved/final', fixturePage('en-global-fund.amp.html'));
    for (let i = 1; i <= 6; i++)
      web.pages.set(`/hop/${i}`, {
        status: 302,
        headers: { location: i === 6 ? '/moved/final' : `/hop/${i + 1}` },
        body: '',
      });
    const five = await t.post('/v1/sources/fetch', { url: web.url('/hop/2') });
    expect(five.status).toBe(201);
    expect(five.body.snapshot.finalUrl).toBe(final);
    const before = await t.count('sources');
    const six = await t.post('/v1/sources/fetch', { url: web.url('/hop/1') });
    expect(six.status).toBe(422);
    expect(six.body.code).toBe('SOURCE.TOO_MANY_REDIRECTS');
    expect(await t.count('sources')).toBe(before);
  });

  it('should answer 409 with existingId for a URL already logged, without fetching it again', async () => {
    const url = web.put('/twice', fixturePage('fr-sante-quebec.html'));
    const first = await t.post('/v1/sources/fetch', { url });
    const fetches = web.requests.filter((p) => p === '/twice').length;
    const again = await t.post('/v1/sources/fetch', { url: `${url}?utm_source=mail#top` });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'SOURCE.DUPLICATE_URL', existingId: first.body.id });
    expect(web.requests.filter((p) => p === '/twice').length).toBe(fetches);
  });

  describe('a page that cannot become a source is 422 naming the reason, and nothing is stored', () => {
    const big = Buffer.alloc(6 * 1024 * 1024, 'a');
    it.each([
      ['an upstream 404', '/missing', null, 'SOURCE.UPSTREAM_STATUS'],
      [
        'a 6 MB page',
        '/huge',
        { body: Buffer.concat([Buffer.from('<html><body><p>'), big]) },
        'SOURCE.TOO_LARGE',
      ],
      [
        'a 6 MB page sent without a length',
        '/huge-chunked',
        (res: import('node:http').ServerResponse) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          for (let i = 0; i < 6; i++) res.write(big.subarray(0, 1024 * 1024));
          res.end();
        },
        'SOURCE.TOO_LARGE',
      ],
      [
        'an image',
        '/photo',
        { body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), headers: { 'content-type': 'image/png' } },
        'SOURCE.NOT_HTML_OR_PDF',
      ],
      [
        'a page rendered by its scripts',
        '/app',
        {
          body: '<!doctype html><html lang="en"><head><title>App</title></head><body><div id="root"></div><script>render()</script></body></html>',
        },
        'SOURCE.NO_READABLE_TEXT',
      ],
      ['a page that never answers', '/slow', () => undefined, 'SOURCE.FETCH_TIMEOUT'],
    ] as const)('%s', async (_, path, page, code) => {
      if (page) web.pages.set(path, page);
      const before = [await t.count('sources'), await t.count('source_snapshots')];
      const res = await t.post('/v1/sources/fetch', { url: web.url(path) });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      expect([await t.count('sources'), await t.count('source_snapshots')]).toEqual(before);
    });

    it('names the upstream status', async () => {
      web.pages.set('/gone', { status: 410, body: 'gone' });
      const res = await t.post('/v1/sources/fetch', { url: web.url('/gone') });
      expect(res.body).toMatchObject({ code: 'SOURCE.UPSTREAM_STATUS', upstreamStatus: 410 });
      expect(res.body.detail).toContain('410');
    });

    it('refuses a URL that is not http(s), and a viewer', async () => {
      expect((await t.post('/v1/sources/fetch', { url: 'file:///etc/passwd' })).status).toBe(422);
      const viewer = await t.post('/v1/sources/fetch', { url: web.url('/x') }, { key: t.keys.viewer });
      expect(viewer.status).toBe(403);
    });
  });

  describe('snapshots', () => {
    it('should list a source’s snapshots and serve their bytes sandboxed, never sniffed', async () => {
      const bytes = fixturePage('fr-metro-toulouse.latin1.html');
      const url = web.put('/archived', bytes, 'text/html');
      const source = (await t.post('/v1/sources/fetch', { url })).body;
      const list = await t.get(`/v1/sources/${source.id}/snapshots`, { key: t.keys.viewer });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({
        data: [{ id: source.snapshot.id, size: bytes.length }],
        nextCursor: null,
      });
      const copy = await t.app.inject({
        method: 'GET',
        url: `/v1/sources/${source.id}/snapshots/${source.snapshot.id}`,
        headers: { authorization: `Bearer ${t.keys.viewer}` },
      });
      expect(copy.statusCode).toBe(200);
      expect(copy.headers['content-type']).toBe('text/html');
      expect(copy.headers['content-security-policy']).toBe('sandbox');
      expect(copy.headers['x-content-type-options']).toBe('nosniff');
      expect(copy.rawPayload.equals(bytes)).toBe(true);
    });

    it('should answer 404 for a snapshot of another source and for an unknown source', async () => {
      const a = (
        await t.post('/v1/sources/fetch', { url: web.put('/a', fixturePage('en-global-fund.html')) })
      ).body;
      const b = (
        await t.post('/v1/sources/fetch', { url: web.put('/b', fixturePage('en-global-fund.html')) })
      ).body;
      expect((await t.get(`/v1/sources/${a.id}/snapshots/${b.snapshot.id}`)).status).toBe(404);
      expect((await t.get(`/v1/sources/00000000-0000-4000-8000-000000000000/snapshots`)).status).toBe(404);
      expect((await t.get(`/v1/sources/${a.id}/snapshots/not-a-uuid`)).status).toBe(422);
    });
  });
});

describe('sources fetched by URL, with private networks not allowed', () => {
  let t: TestApp;
  let web: PageServer;
  beforeAll(async () => {
    t = await TestApp.start({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    web = await PageServer.start();
  });
  afterAll(async () => {
    await t.close();
    await web.close();
  });

  it.each([
    ['a loopback address', (port: string) => `http://127.0.0.1:${port}/page`],
    ['a name that resolves to loopback', (port: string) => `http://localhost:${port}/page`],
    ['an IPv4-mapped IPv6 loopback', (port: string) => `http://[::ffff:127.0.0.1]:${port}/page`],
  ])('should refuse %s before connecting to it', async (_, url) => {
    web.put('/page', fixturePage('en-global-fund.html'));
    const res = await t.post('/v1/sources/fetch', { url: url(new URL(web.base).port) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SOURCE.PRIVATE_ADDRESS');
    expect(web.requests).toEqual([]);
    expect(await t.count('sources')).toBe(0);
  });
});
