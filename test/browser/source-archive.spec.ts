/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { en } from '../../web/locales/en';
import { TestApp } from '../helpers/app';
import { BrowserSession } from '../helpers/browser';
import { fixturePage, PageServer } from '../helpers/page-server';

/**
 * Sources by URL in Chromium: an archived page is served sandboxed, so its scripts never run
 * (while its images still load); the workbench fetches a page, shows what it read, and the
 * source's page offers the archived copy and a recheck.
 */
describe('fetched sources in a browser', () => {
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
});
