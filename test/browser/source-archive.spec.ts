/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { AddressInfo } from 'node:net';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Page } from 'playwright-core';
import { en } from '../../web/locales/en';
import { TestApp } from '../helpers/app';
import { BrowserSession } from '../helpers/browser';
import { createItem, pledgeBody } from '../helpers/factories';
import { fixturePage, PageServer } from '../helpers/page-server';

/** A made-up water board's statement: the pledge is on page 2 of 3. */
const PAGES = [
  ['Lakeside Water Board - Annual statement 2026', 'The board met on 3 March to review the spring repairs.'],
  ['The regional government pledged 12 million euros for new water pipes by 2027.'],
  ['Annex: the minutes of the meeting are kept at the board office.'],
];

async function pdfOf(pages: string[][]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setAuthor('Lakeside Water Board');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 11, font }));
  }
  return Buffer.from(await pdf.save());
}

/**
 * Sources by URL and by file in Chromium: an archived page is served sandboxed, so its scripts
 * never run (while its images still load); the workbench fetches a page, shows what it read, and
 * the source's page offers the archived copy and a recheck; a PDF chosen, then another dropped on
 * *Add a source*, is uploaded as multipart, the form shows what was read (metadata, pages, text),
 * the source's page its candidates, and an item's page the page a quote starts on.
 */
describe('sources in a browser: fetched, archived, uploaded', () => {
  let t: TestApp;
  let web: PageServer;
  let b: BrowserSession;
  let page: Page;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    t = await TestApp.start();
    web = await PageServer.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    b = await BrowserSession.open(`http://127.0.0.1:${port}`);
    page = b.page;
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await web?.close();
    await t?.close();
  });

  it('should serve an archived page that runs no script but shows its images', async () => {
    const article = `<p>${'The council approved the tram budget after a long debate in the chamber. '.repeat(8)}</p>`;
    const html = `<!doctype html><html lang="en"><head><title>Archived</title></head><body><article>${article}
      <img src="${web.url('/image-loaded.gif')}" alt="">
      <script>fetch('${web.url('/script-ran')}'); document.title = 'script ran';</script></article></body></html>`;
    const source = (await t.post('/v1/sources/fetch', { url: web.put('/with-script', html) })).body;
    web.pages.set('/image-loaded.gif', {
      body: Buffer.from('GIF89a'),
      headers: { 'content-type': 'image/gif' },
    });
    await b.context.setExtraHTTPHeaders({ authorization: `Bearer ${t.keys.viewer}` });
    try {
      const answer = await page.goto(`/v1/sources/${source.id}/snapshots/${source.snapshot.id}`);
      expect(answer?.headers()['content-security-policy']).toBe('sandbox');
      await page.waitForLoadState('networkidle');
      expect(web.requests).toContain('/image-loaded.gif');
      expect(web.requests).not.toContain('/script-ran');
      expect(await page.title()).toBe('Archived');
    } finally {
      await b.context.setExtraHTTPHeaders({});
      b.errors.length = 0; // the sandbox's refusals are logged as console errors, as they should be
    }
  });

  it('should fetch a page from the Sources page, show what it read, and offer the archived copy', async () => {
    const url = web.put('/sante', fixturePage('fr-sante-quebec.html'));
    await page.goto('/');
    await page.getByLabel('API key').fill(t.keys.editor);
    await page.keyboard.press('Enter');
    const fetchForm = page.getByRole('region', { name: en.fetchSource.title });
    await fetchForm.getByLabel(en.fetchSource.url).fill(url);
    await fetchForm.getByRole('button', { name: en.fetchSource.submit }).click();
    const read = fetchForm.getByRole('status');
    await read.locator('dd', { hasText: 'Claire Tremblay' }).waitFor();
    expect(await read.textContent()).toContain(
      'Santé : les 900 M$ d’Ottawa iront au réseau, assure Christian Dubé',
    );
    expect(await read.locator('blockquote').textContent()).toContain('Le gouvernement Legault s’engage');
    expect(await b.accessibilityViolations()).toEqual([]);

    await read.getByRole('link', { name: en.fetchSource.looksRight }).click();
    await page.getByRole('button', { name: en.archive.copy }).waitFor();
    expect(await page.getByText(en.archive.status.never).count()).toBe(1);
    await page.getByRole('button', { name: en.archive.recheck }).click();
    await page.getByText(en.archive.status.unchanged).waitFor();
    expect(await b.accessibilityViolations()).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('should upload a dropped PDF, show its text and pages, then its candidates and a quote’s page', async () => {
    await page.goto('/#/sources'); // signed in as an editor by the test before
    const add = page.getByRole('region', { name: en.sources.add.title });
    const fileInput = add.getByLabel(en.sources.add.file);

    // Chosen with the file button: named on the form, its name standing in for the title.
    const draft = await pdfOf([['A draft that is not the one to keep.']]);
    await fileInput.setInputFiles({ name: 'draft.pdf', mimeType: 'application/pdf', buffer: draft });
    await add.getByText('draft.pdf').waitFor();
    expect(await add.getByLabel(en.sources.columns.title).inputValue()).toBe('draft');
    expect(await add.getByLabel(en.sources.add.kind).inputValue()).toBe('report');
    expect(await add.getByLabel(en.sources.add.text).count()).toBe(0);

    // Dropped on the form: it replaces the chosen one.
    const statement = await pdfOf(PAGES);
    const dataTransfer = await page.evaluateHandle(
      ({ base64, name }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const dropped = new DataTransfer();
        dropped.items.add(new File([bytes], name, { type: 'application/pdf' }));
        return dropped;
      },
      { base64: statement.toString('base64'), name: 'lakeside-statement-2026.pdf' },
    );
    await add.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
    await add.getByText('lakeside-statement-2026.pdf').waitFor();
    expect(await add.getByText('draft.pdf').count()).toBe(0);

    await add.getByLabel(en.sources.columns.title).fill('Lakeside Water Board annual statement 2026');
    await add.getByLabel(en.sources.add.url).fill('https://lakeside-water.example.org/statement-2026.pdf');
    await add.getByLabel(en.sources.language).selectOption('en');
    await add.getByRole('button', { name: en.sources.add.submit }).click();

    const read = add.getByRole('status');
    await read.waitFor();
    const fields = await read
      .locator('dl > div')
      .evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent]),
      );
    expect(fields).toEqual(
      expect.arrayContaining([
        [en.fetchSource.fields.title, 'Lakeside Water Board annual statement 2026'],
        [en.fetchSource.fields.author, 'Lakeside Water Board'],
        [en.fetchSource.fields.pages, '3'],
      ]),
    );
    expect(await read.locator('blockquote').textContent()).toContain(
      'pledged 12 million euros for new water pipes',
    );
    expect(await b.accessibilityViolations()).toEqual([]);

    await read.getByRole('link', { name: en.fetchSource.looksRight }).click();
    // The first candidate extraction starts the worker thread (ts-jest compiles it): slow once.
    await page.getByRole('heading', { name: en.source.text }).waitFor({ timeout: 30_000 });
    await page.locator('mark.hl-commitment', { hasText: '12 million euros' }).waitFor({ timeout: 30_000 });
    const sourceId = /sources\/([0-9a-f-]{36})/.exec(page.url())![1];

    const item = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'New water pipes for Lakeside',
        language: 'en',
        amount: { value: '12000000', currency: 'EUR' },
        recurrence: null,
        citations: [{ sourceId, role: 'origin', quote: 'pledged 12 million euros for new water pipes' }],
      }),
    );
    await page.goto(`/#/items/${item.id}`);
    const caption = page.getByTestId('passage').locator('figcaption');
    await caption.waitFor();
    expect(await caption.textContent()).toContain(en.item.page.replace('{{page}}', '2'));
    expect(b.errors).toEqual([]);
  }, 90_000);
});
