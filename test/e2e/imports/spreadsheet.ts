import ExcelJS from 'exceljs';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../../helpers/factories';
import { importFixture, multipartBody, postImport } from '../../helpers/multipart';

const KIEL = {
  rowKey: 'ID',
  actor: 'Donor',
  date: 'Announcement date',
  tags: 'Type of aid',
  title: 'Explanation',
  amount: 'Value (EUR m)',
  sourceUrl: 'Source',
  actorKind: 'country',
};
const PROMISES = {
  title: 'Promise',
  actor: 'Politician',
  actorKind: 'person',
  status: 'Status',
  date: 'Date',
  sourceUrl: 'Source',
  quote: 'Quote',
};
const TABLES = ['items', 'sources', 'actors', 'imports', 'import_rows', 'audit_log'];

describe('imports: a tracker kept in a spreadsheet', () => {
  let t: TestApp;
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (n) => [n, await t.count(n)])));

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  describe('the aid sheet (rows keyed by ID, values in EUR m)', () => {
    let importId: string;

    it('should answer a dry run row by row and store nothing', async () => {
      const before = await counts();
      const res = await postImport(t, importFixture('kiel-aid.csv'), KIEL, { dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: null, dryRun: true, format: 'csv' });
      expect(res.body.columns).toEqual([
        'ID',
        'Donor',
        'Announcement date',
        'Type of aid',
        'Explanation',
        'Value (EUR m)',
        'Source',
      ]);
      expect(res.body.rows.map((r: { key: string; outcome: string }) => [r.key, r.outcome])).toEqual([
        ['KA-001', 'create'],
        ['KA-002', 'create'],
        ['KA-003', 'create'],
        ['KA-004', 'create'],
      ]);
      expect(res.body.counts).toEqual({ create: 4, update: 0, unchanged: 0, duplicate: 0, error: 0 });
      expect(await counts()).toEqual(before);
    });

    it('should create items with exact amounts, actors, tags and sources', async () => {
      const res = await postImport(t, importFixture('kiel-aid.csv'), KIEL, { filename: 'kiel-aid.csv' });
      expect(res.status).toBe(201);
      importId = res.body.id;
      expect(res.headers.location).toBe(`/v1/imports/${importId}`);
      expect(res.body.counts).toMatchObject({ create: 4, error: 0 });
      const france = await t.get(`/v1/items/${res.body.rows[1].itemId}`);
      expect(france.body).toMatchObject({
        kind: 'commitment',
        title: 'Budget support loan for civil servant salaries',
        status: 'proposed',
        tags: ['Financial'],
        amount: { value: '1250500000', currency: 'EUR' },
      });
      expect(france.body.actors).toEqual([expect.objectContaining({ name: 'France', role: 'pledger' })]);
      const germany = await t.get(`/v1/items/${res.body.rows[0].itemId}`);
      expect(germany.body.amount).toMatchObject({ value: '500000000', currency: 'EUR' });
      const source = await t.get(`/v1/sources/${germany.body.citations[0].sourceId}`);
      // The tracking parameter is gone: the source is stored by its canonical URL.
      expect(source.body).toMatchObject({ canonicalUrl: 'https://example.org/aid/germany-air-defence' });
      expect(source.body.publishedAt).toBe('2024-06-13T00:00:00.000Z');
    });

    it('should keep the report with every row at GET /v1/imports/:id', async () => {
      const res = await t.get(`/v1/imports/${importId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: importId,
        dryRun: false,
        fileName: 'kiel-aid.csv',
        counts: { create: 4 },
      });
      expect(res.body.rows).toHaveLength(4);
      expect(res.body.rows.every((r: { itemId: string | null }) => r.itemId)).toBe(true);
      expect((await t.get(`/v1/imports/00000000-0000-4000-8000-000000000001`)).status).toBe(404);
      const audit = await t.get(`/v1/audit?entityType=import&entityId=${importId}`);
      expect(audit.body.data).toEqual([
        expect.objectContaining({
          action: 'import',
          change: expect.objectContaining({ counts: res.body.counts }),
        }),
      ]);
    });

    it('should change nothing when the same sheet comes again, even as a semicolon CSV with a BOM and decimal commas', async () => {
      const before = await counts();
      const again = await postImport(t, importFixture('kiel-aid.csv'), KIEL);
      expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 4, duplicate: 0, error: 0 });
      const semicolon = await postImport(t, importFixture('kiel-aid-semicolon-bom.csv'), KIEL);
      expect(semicolon.body.counts).toEqual({ create: 0, update: 0, unchanged: 4, duplicate: 0, error: 0 });
      const after = await counts();
      expect(after).toMatchObject({ items: before.items, sources: before.sources, actors: before.actors });
    });

    it('should update the item of a changed row, and only that one', async () => {
      const changed = importFixture('kiel-aid.csv').toString('utf8').replace(',85.25,', ',"1,085.25",');
      const res = await postImport(t, Buffer.from(changed), KIEL);
      expect(res.status).toBe(201);
      expect(res.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual([
        'unchanged',
        'unchanged',
        'update',
        'unchanged',
      ]);
      const poland = await t.get(`/v1/items/${res.body.rows[2].itemId}`);
      expect(poland.body.amount.value).toBe('1085250000');
      expect(poland.body.version).toBe(2);
    });

    it('should write the items back in the sheet’s own columns, a file that imports back unchanged', async () => {
      const csv = await t.get(`/v1/items/export?format=csv&layout=${importId}`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('ID,Donor,Announcement date,Type of aid,Explanation,Value (EUR m),Source');
      expect(lines).toHaveLength(5);
      // Poland's row as updated since, in the column's own unit; the other cells as they were.
      expect(lines[3]).toBe(
        'KA-003,Poland,02/07/2024,Humanitarian,Generators and winter shelter kits for eastern regions,1085.25,https://example.org/aid/poland-winter-kits',
      );
      const back = await postImport(t, Buffer.from(csv.text), KIEL, { dryRun: true });
      expect(back.body.counts).toEqual({ create: 0, update: 0, unchanged: 4, duplicate: 0, error: 0 });
      expect((await t.get(`/v1/items/export?format=ndjson&layout=${importId}`)).status).toBe(422);
      expect((await t.get('/v1/items/export?format=xlsx')).status).toBe(422);
      expect((await t.get('/v1/items/export?layout=00000000-0000-4000-8000-000000000001')).status).toBe(404);
    });

    it('should report a bad date and a bad amount with row and column, and store nothing of those rows', async () => {
      const lines = [
        'ID,Donor,Announcement date,Type of aid,Explanation,Value (EUR m),Source',
        'KB-001,Sweden,31/02/2024,Military,Armoured vehicles for brigades,120,https://example.org/aid/sweden-vehicles',
        'KB-002,Norway,14/03/2024,Financial,Energy grid repairs fund,twelve,https://example.org/aid/norway-grid',
        'KB-003,Denmark,15/03/2024,Military,Artillery shells from new production lines,45,https://example.org/aid/denmark-shells',
      ];
      const before = await counts();
      const res = await postImport(t, Buffer.from(lines.join('\n')), KIEL);
      expect(res.status).toBe(201);
      expect(res.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['error', 'error', 'create']);
      expect(res.body.rows[0].errors).toEqual([
        { row: 2, column: 'Announcement date', reason: expect.stringContaining('not a calendar day') },
      ]);
      expect(res.body.rows[1].errors).toEqual([
        { row: 3, column: 'Value (EUR m)', reason: expect.stringContaining('not a number') },
      ]);
      const after = await counts();
      expect(after.items).toBe(before.items + 1);
      expect(after.sources).toBe(before.sources + 1);
      expect(after.actors).toBe(before.actors + 1);
      const sweden = await t.get('/v1/actors?q=Sweden');
      expect(sweden.body.data).toEqual([]);
    });
  });

  describe('the promise tracker (no row key, status words)', () => {
    it('should read the tracker’s words as statuses in a dry run, and import them', async () => {
      const dry = await postImport(t, importFixture('promise-tracker.csv'), PROMISES, { dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.counts).toMatchObject({ create: 4, error: 0 });
      const res = await postImport(t, importFixture('promise-tracker.csv'), PROMISES);
      const statuses = await Promise.all(
        res.body.rows.map(
          async (r: { itemId: string }) => (await t.get(`/v1/items/${r.itemId}`)).body.status,
        ),
      );
      expect(statuses).toEqual(['fulfilled', 'partially_fulfilled', 'stalled', 'in_progress']);
      const item = await t.get(`/v1/items/${res.body.rows[0].itemId}`);
      expect(item.body.citations[0].quote).toBe('We will build twenty thousand social homes');
      expect(item.body.actors[0]).toMatchObject({ name: 'Hélène Durand' });
    });

    it('should read the Latin-1 semicolon copy as the same rows (accents intact): nothing changes', async () => {
      const before = await counts();
      const res = await postImport(t, importFixture('promise-tracker-latin1.csv'), PROMISES);
      expect(res.body.counts).toEqual({ create: 0, update: 0, unchanged: 4, duplicate: 0, error: 0 });
      expect((await counts()).actors).toBe(before.actors);
    });

    it('should read an XLSX: date cells, Excel serial dates and number cells', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Promesses');
      sheet.addRow(['Promise', 'Politician', 'Status', 'Date', 'Source', 'Quote', 'Budget (EUR bn)']);
      sheet.addRow([
        'Free school meals in primary schools',
        'Hélène Durand',
        'Promise Broken',
        new Date(Date.UTC(2024, 5, 13)),
        'https://example.org/tracker/meals',
        'Every pupil will eat for free',
        1.5,
      ]);
      sheet.addRow([
        'A public bank for green loans',
        'José Martín',
        'Not yet rated',
        45456,
        'https://example.org/tracker/bank',
        'We will found a public bank',
        0.25,
      ]);
      const file = Buffer.from(await book.xlsx.writeBuffer());
      const mapping = { ...PROMISES, amount: 'Budget (EUR bn)', tracker: 'municipal promises' };
      const dry = await postImport(t, file, mapping, { dryRun: true, filename: 'promises.xlsx' });
      expect(dry.body).toMatchObject({ format: 'xlsx', counts: { create: 2, error: 0 } });
      const res = await postImport(t, file, mapping, { filename: 'promises.xlsx' });
      const [meals, bank] = await Promise.all(
        res.body.rows.map((r: { itemId: string }) => t.get(`/v1/items/${r.itemId}`)),
      );
      expect(meals.body).toMatchObject({
        status: 'broken',
        amount: { value: '1500000000', currency: 'EUR' },
      });
      expect(bank.body).toMatchObject({
        status: 'proposed',
        amount: { value: '250000000', currency: 'EUR' },
      });
      const bankSource = await t.get(`/v1/sources/${bank.body.citations[0].sourceId}`);
      expect(bankSource.body.publishedAt).toBe('2024-06-13T00:00:00.000Z');

      const url = `/v1/items/export?format=xlsx&layout=${res.body.id}`;
      const exported = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${t.keys.viewer}` },
      });
      expect(exported.statusCode).toBe(200);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(exported.rawPayload as never);
      expect(back.worksheets[0].getRow(1).values).toEqual([
        undefined,
        'Promise',
        'Politician',
        'Status',
        'Date',
        'Source',
        'Quote',
        'Budget (EUR bn)',
      ]);
      expect(back.worksheets[0].getRow(3).getCell(7).value).toBe(0.25);
      const again = await postImport(t, exported.rawPayload, mapping, {
        dryRun: true,
        filename: 'promises.xlsx',
      });
      expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 2, duplicate: 0, error: 0 });
    });
  });

  describe('rows against what is already recorded', () => {
    let sourceUrl: string;
    let pledgeId: string;

    beforeAll(async () => {
      const source = await createSource(t);
      sourceUrl = source.url;
      pledgeId = (await createItem(t, pledgeBody(source.id))).id;
    });

    const sheet = (quote: string) =>
      Buffer.from(
        [
          'Title,Pledger,Amount,Source,Quote',
          `Allies provide Ukraine at least €40bn of military aid per year,NATO,EUR 40 bn,${sourceUrl},"${quote}"`,
        ].join('\n'),
      );
    const mapping = {
      title: 'Title',
      actor: 'Pledger',
      amount: 'Amount',
      sourceUrl: 'Source',
      quote: 'Quote',
    };

    it('should name the stored item a row is the same pledge as', async () => {
      const res = await postImport(t, sheet(PLEDGE_QUOTE), mapping, { dryRun: true });
      expect(res.body.rows[0]).toMatchObject({ outcome: 'duplicate', duplicateOf: pledgeId });
    });

    it('should refuse a quote that is not in the source’s text, naming the quote column', async () => {
      const res = await postImport(t, sheet('a passage this article never printed'), mapping, {
        dryRun: true,
      });
      expect(res.body.rows[0].outcome).toBe('error');
      expect(res.body.rows[0].errors[0]).toMatchObject({ row: 2, column: 'Quote' });
    });
  });

  describe('the preview the workbench maps from', () => {
    it('should give the columns, the first rows and a guessed mapping, storing nothing', async () => {
      const before = await counts();
      const res = await postImport(t, importFixture('kiel-aid-semicolon-bom.csv'), undefined, {
        path: '/v1/imports/preview',
      });
      expect(res.status).toBe(200);
      expect(res.body.columns[0]).toBe('ID');
      expect(res.body.rows).toHaveLength(4);
      expect(res.body.rows[1][5]).toBe('1250,5');
      expect(res.body.guess).toEqual({
        title: 'Explanation',
        actor: 'Donor',
        amount: 'Value (EUR m)',
        date: 'Announcement date',
        sourceUrl: 'Source',
        tags: 'Type of aid',
        rowKey: 'ID',
      });
      expect(await counts()).toEqual(before);
    });
  });

  describe('bad uploads', () => {
    it('should refuse a mapping naming a column the sheet lacks, listing the columns', async () => {
      const res = await postImport(t, importFixture('kiel-aid.csv'), { ...KIEL, title: 'Headline' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { path: 'mapping.title', message: expect.stringContaining('"Explanation"') },
      ]);
    });

    it('should refuse an invalid mapping, unknown mapping fields and a non-JSON mapping', async () => {
      const missing = await postImport(t, importFixture('kiel-aid.csv'), { title: 'ID' });
      expect(missing.status).toBe(422);
      expect(new Set(missing.body.errors.map((e: { path: string }) => e.path))).toEqual(
        new Set(['mapping.sourceUrl']),
      );
      expect((await postImport(t, importFixture('kiel-aid.csv'), { ...KIEL, colour: 'x' })).status).toBe(422);
      expect((await postImport(t, importFixture('kiel-aid.csv'), '{"title":')).status).toBe(422);
    });

    it('should answer 415 to a JSON body and 403 to a viewer', async () => {
      expect((await t.post('/v1/imports', { mapping: KIEL })).status).toBe(415);
      expect((await postImport(t, importFixture('kiel-aid.csv'), KIEL, { key: t.keys.viewer })).status).toBe(
        403,
      );
    });

    it('should refuse a multipart body anywhere else', async () => {
      const { body, contentType } = multipartBody([{ name: 'title', value: 'x' }]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/items',
        headers: { authorization: `Bearer ${t.keys.editor}`, 'content-type': contentType },
        payload: body,
      });
      expect(res.statusCode).toBe(415);
    });

    it('should refuse a file that is not a workbook though it starts like one', async () => {
      const res = await postImport(t, Buffer.from('PK not a zip at all'), KIEL);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe('file');
    });
  });
});
