import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { en } from '../../web/locales/en';
import { TestApp } from '../helpers/app';
import { BrowserSession } from '../helpers/browser';

/**
 * The Import page in Debian's Chromium: a sheet dropped in is previewed with its columns guessed,
 * dry-run, then imported; and a public page's embed shown in an iframe of another origin.
 */
describe('imports and public pages in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let page: Page;
  let port = 0;
  let other: Server;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    b = await BrowserSession.open(`http://127.0.0.1:${port}`);
    page = b.page;
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    other?.close();
  });

  async function accessible() {
    await page.waitForLoadState('networkidle');
    expect(await b.accessibilityViolations()).toEqual([]);
    expect(b.errors).toEqual([]);
  }

  it('should preview a sheet with its columns guessed, dry-run it, then import it', async () => {
    await page.goto('/');
    await page.getByLabel('API key').fill(t.keys.editor);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await page.getByRole('link', { name: en.app.nav.import }).click();
    await page.getByRole('heading', { name: en.import.title, level: 1 }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(__dirname, '../fixtures/imports/kiel-aid.csv'));
    await page.getByRole('table', { name: en.import.firstRows }).waitFor();
    expect(
      await page.getByRole('cell', { name: 'Budget support loan for civil servant salaries' }).count(),
    ).toBe(1);
    await expect(page.getByLabel(en.import.field.title).inputValue()).resolves.toBe('Explanation');
    await expect(page.getByLabel(en.import.field.amount, { exact: true }).inputValue()).resolves.toBe(
      'Value (EUR m)',
    );
    // Mapped by hand: the aid type goes nowhere this time.
    await page.getByLabel(en.import.field.tags).selectOption('');
    await accessible();

    await page.getByRole('button', { name: en.import.dryRun }).click();
    await page.getByRole('heading', { name: en.import.wouldDo }).waitFor();
    expect(await page.getByRole('cell', { name: en.import.outcome.create, exact: true }).count()).toBe(4);
    expect(await t.count('items')).toBe(0);
    await accessible();

    await page.getByRole('button', { name: en.import.submit, exact: true }).click();
    await page.getByRole('heading', { name: en.import.imported }).waitFor();
    expect(await page.getByRole('link', { name: en.import.theItem, exact: true }).count()).toBe(4);
    expect(await t.count('items')).toBe(4);
    await accessible();
  });

  it('should show a published page, and its embed inside an iframe of another origin', async () => {
    const published = await t.post('/v1/publications', { title: 'Aid sheet', filter: {} });
    expect(published.status).toBe(201);
    await page.goto('/p/aid-sheet');
    await page.getByRole('heading', { name: 'Aid sheet', level: 1 }).waitFor();
    await accessible();
    // The check can fail: an image with no text alternative (critical) and pale text (serious),
    // added to the page, are named; axe-core is already in the page (evaluated once per document).
    await page.evaluate(() => {
      const image = Object.assign(document.createElement('img'), {
        id: 'no-alt',
        src: 'data:image/gif;base64,',
      });
      const pale = Object.assign(document.createElement('p'), {
        id: 'pale',
        textContent: 'Pale text on white',
      });
      Object.assign(pale.style, { color: '#ddd', background: '#fff' }); // CSSOM: the CSP allows it
      document.body.append(image, pale);
    });
    const found = await b.accessibilityViolations();
    expect(found.map((v) => v.split(':')[0]).sort()).toEqual(['color-contrast', 'image-alt']);
    await page.evaluate(() => document.querySelectorAll('#no-alt, #pale').forEach((n) => n.remove()));

    other = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><head><title>A newsroom</title></head><body><main><h1>A newsroom</h1>` +
          `<iframe title="Aid tracker" src="http://127.0.0.1:${port}/p/aid-sheet/embed" width="600" height="400"></iframe></main></body></html>`,
      );
    });
    await new Promise<void>((ok) => other.listen(0, 'localhost', ok));
    const otherPort = (other.address() as AddressInfo).port;
    await page.goto(`http://localhost:${otherPort}/`);
    const frame = page.frameLocator('iframe[title="Aid tracker"]');
    await frame.getByRole('heading', { name: 'Aid sheet' }).waitFor();
    expect(await frame.getByText('Budget support loan for civil servant salaries').count()).toBe(1);
  });
});
