import { PDFDocument, StandardFonts } from 'pdf-lib';
import { checkContract, TestApp } from '../../helpers/app';
import { PageServer } from '../../helpers/page-server';

/** Three pages of a made-up council report; a sentence runs from page 1 onto page 2. */
const PAGES = [
  [
    'Harbourside Council - Transport funding report 2025',
    'The council has reviewed the bids received for the tram extension.',
    'Subject to the final vote in March, the Council will provide',
  ],
  [
    'an additional grant of 40 million euros to the regional transit authority.',
    'The grant is paid in four yearly instalments of 10 million euros.',
  ],
  ['Annex: the members present voted 31 in favour and 4 against the proposal.'],
];

async function councilReport(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Transport funding report 2025');
  pdf.setAuthor('Harbourside Council');
  pdf.setCreationDate(new Date('2025-02-14T09:30:00Z'));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of PAGES) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 11, font }));
  }
  return Buffer.from(await pdf.save());
}

/** A multipart/form-data body with metadata fields and one file, as a browser form sends it. */
function multipart(
  fields: Record<string, string>,
  file?: { field?: string; name: string; type: string; bytes: Buffer },
) {
  const boundary = `----pledgewatch-test-${Date.now()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const chunks: Buffer[] = parts.map((p) => Buffer.from(p));
  if (file)
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('PDF sources', () => {
  let t: TestApp;
  let web: PageServer;
  let report: Buffer;
  beforeAll(async () => {
    t = await TestApp.start();
    web = await PageServer.start();
    report = await councilReport();
  });
  afterAll(async () => {
    await t.close();
    await web.close();
  });

  it('should read a PDF by URL page by page, keeping the page breaks, and archive its bytes', async () => {
    const url = web.put('/reports/transport-2025.pdf', report, 'application/pdf');
    const res = await t.post('/v1/sources/fetch', { url });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Transport funding report 2025',
      author: 'Harbourside Council',
      publishedAt: '2025-02-14T09:30:00.000Z',
      language: 'en',
      kind: 'report',
      mediaType: 'application/pdf',
      snapshot: { contentType: 'application/pdf', size: report.length },
    });
    const text: string = (await t.get(`/v1/sources/${res.body.id}/text`)).body.text;
    const pages = text.split('\f');
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('the Council will provide');
    expect(pages[1]).toContain('an additional grant of 40 million euros');
    expect(pages[2]).toContain('voted 31 in favour');

    const copy = await t.app.inject({
      method: 'GET',
      url: `/v1/sources/${res.body.id}/snapshots/${res.body.snapshot.id}`,
      headers: { authorization: `Bearer ${t.keys.admin}` },
    });
    expect(copy.headers['content-type']).toBe('application/pdf');
    expect(copy.rawPayload.equals(report)).toBe(true);
  });

  it('should give each citation the page its quote starts on, a quote across a page break included', async () => {
    const url = web.put('/reports/cited.pdf', report, 'application/pdf');
    const source = (await t.post('/v1/sources/fetch', { url })).body;
    const res = await t.post('/v1/items', {
      kind: 'commitment',
      title: 'Council grant of €40m to the transit authority',
      statement: 'Recorded from the source.',
      language: 'en',
      status: 'agreed',
      citations: [
        {
          sourceId: source.id,
          role: 'origin',
          quote: 'the Council will provide an additional grant of 40 million euros',
        },
        {
          sourceId: source.id,
          role: 'support',
          quote: 'paid in four yearly instalments of 10 million euros',
        },
        { sourceId: source.id, role: 'context', quote: 'voted 31 in favour and 4 against' },
      ],
    });
    expect(res.status).toBe(201);
    const item = (await t.get(`/v1/items/${res.body.id}`)).body;
    type Cited = { role: string; page: number; selectors: { page: number } };
    const pages = Object.fromEntries(item.citations.map((c: Cited) => [c.role, [c.page, c.selectors.page]]));
    expect(pages).toEqual({ origin: [1, 1], support: [2, 2], context: [3, 3] });
  });

  it('should leave page null for citations of a text without pages', async () => {
    const source = (
      await t.post('/v1/sources', {
        url: 'https://example.org/pasted',
        title: 'Pasted',
        language: 'en',
        text: PAGES.flat().join(' '),
      })
    ).body;
    const res = await t.post('/v1/items', {
      kind: 'claim',
      title: 'The vote',
      statement: 'Recorded from the source.',
      language: 'en',
      status: 'unverified',
      citations: [{ sourceId: source.id, role: 'origin', quote: 'voted 31 in favour' }],
    });
    const item = (await t.get(`/v1/items/${res.body.id}`)).body;
    expect(item.citations[0].page).toBeNull();
  });

  it('should refuse a damaged PDF with 422 NO_READABLE_TEXT and store nothing', async () => {
    const url = web.put('/reports/broken.pdf', Buffer.from('%PDF-1.7\nnot really a pdf'), 'application/pdf');
    const before = await t.count('sources');
    const res = await t.post('/v1/sources/fetch', { url });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SOURCE.NO_READABLE_TEXT');
    expect(await t.count('sources')).toBe(before);
  });

  describe('uploaded as multipart/form-data', () => {
    const upload = async (url: string, body: ReturnType<typeof multipart>, key = t.keys.editor) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${key}`, 'content-type': body.contentType },
        payload: body.payload,
      });
      checkContract('POST', url, res.statusCode, res.headers, res.body);
      return { status: res.statusCode, body: res.json() };
    };
    const fields = {
      url: 'https://harbourside.example/reports/transport-2025.pdf',
      title: 'Transport report',
      language: 'en',
    };

    it('should store the metadata as sent, the text page by page and the file as the first snapshot', async () => {
      const res = await upload(
        '/v1/sources',
        multipart(fields, { name: 'report.pdf', type: 'application/pdf', bytes: report }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Transport report',
        author: 'Harbourside Council',
        language: 'en',
        kind: 'report',
        mediaType: 'application/pdf',
      });
      const snapshots = (await t.get(`/v1/sources/${res.body.id}/snapshots`)).body.data;
      expect(snapshots).toMatchObject([
        { contentType: 'application/pdf', size: report.length, finalUrl: fields.url },
      ]);
      const text: string = (await t.get(`/v1/sources/${res.body.id}/text`)).body.text;
      expect(text.split('\f')).toHaveLength(3);
      const item = await t.post('/v1/items', {
        kind: 'commitment',
        title: 'Council grant',
        statement: 'Recorded from the source.',
        language: 'en',
        status: 'agreed',
        citations: [{ sourceId: res.body.id, role: 'origin', quote: 'paid in four yearly instalments' }],
      });
      expect(item.body.citations[0].page).toBe(2);
    });

    it.each([
      ['no file', multipart({ ...fields, url: 'https://harbourside.example/1' }), 422],
      [
        'a text besides the file',
        multipart(
          { ...fields, url: 'https://harbourside.example/2', text: 'x' },
          { name: 'r.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') },
        ),
        422,
      ],
      [
        'an unknown field',
        multipart(
          { ...fields, url: 'https://harbourside.example/3', extra: '1' },
          { name: 'r.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') },
        ),
        422,
      ],
      [
        'a file that is not a document',
        multipart(
          { ...fields, url: 'https://harbourside.example/4' },
          { name: 'r.png', type: 'image/png', bytes: Buffer.from([0x89, 0x50]) },
        ),
        422,
      ],
      [
        'a file over 20 MB',
        multipart(
          { ...fields, url: 'https://harbourside.example/5' },
          { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.alloc(21 * 1024 * 1024) },
        ),
        413,
      ],
    ])('should refuse %s and store nothing', async (_, body, status) => {
      const before = [await t.count('sources'), await t.count('source_snapshots')];
      const res = await upload('/v1/sources', body);
      expect(res.status).toBe(status);
      expect([await t.count('sources'), await t.count('source_snapshots')]).toEqual(before);
    });

    it('should answer 415 to multipart on any other route', async () => {
      const res = await upload(
        '/v1/actors',
        multipart({ name: 'x' }, { name: 'r.pdf', type: 'application/pdf', bytes: report }),
      );
      expect(res.status).toBe(415);
    });
  });
});
