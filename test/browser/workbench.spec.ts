/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Page, Request } from 'playwright-core';
import { buildWorkbench } from '../../src/workbench/build';
import { WORKBENCH_CSP } from '../../src/workbench/workbench';
import { NATO_TEXT, TestApp } from '../helpers/app';
import { BrowserSession, selectInText } from '../helpers/browser';

/**
 * A researcher's path through the workbench in Debian's Chromium, against the service on its
 * own database: sign in, add the NATO article, record the €40bn pledge from its highlighted
 * candidate, move it to `agreed`, and read the dashboard now and as of a date. Each page is
 * checked with axe-core, must log no console error, and is photographed for the README.
 */
describe('workbench in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let page: Page;
  let itemUrl = '';
  let sourceUrl = '';
  const TITLE =
    'Les ministres de la Défense de l’OTAN approuvent un nouveau plan d’aide à la sécurité pour l’Ukraine';
  jest.setTimeout(60_000);

  beforeAll(async () => {
    await buildWorkbench();
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    b = await BrowserSession.open(`http://127.0.0.1:${port}`);
    page = b.page;
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Every page: no serious or critical axe violation, no console error, a screenshot. */
  async function checkPage(name: string) {
    await page.waitForLoadState('networkidle');
    expect(await b.accessibilityViolations()).toEqual([]);
    expect(b.errors).toEqual([]);
    await b.screenshot(name);
  }

  it('should serve the pages at / with a strict CSP and ask for an API key', async () => {
    const sizes: Promise<number>[] = [];
    const measure = (request: Request) =>
      sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    page.on('requestfinished', measure);
    const first = await page.goto('/');
    expect(first?.status()).toBe(200);
    expect(first?.headers()['content-security-policy']).toBe(WORKBENCH_CSP);
    expect(WORKBENCH_CSP).not.toContain('unsafe');
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await page.waitForLoadState('networkidle');
    page.off('requestfinished', measure);
    const transferred = await Promise.all(sizes);
    const kb = transferred.reduce((a, n) => a + n, 0) / 1024;
    process.stdout.write(
      `workbench first load: ${transferred.length} responses, ${kb.toFixed(1)} KB transferred\n`,
    );
    await checkPage('sign-in');
  });

  it('should sign in with a pasted key kept in sessionStorage only', async () => {
    await page.getByLabel('API key').fill(t.keys.editor);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('pledgewatch.apiKey'))).toBe(t.keys.editor);
    expect(await page.evaluate(() => localStorage.length + document.cookie.length)).toBe(0);
    expect(page.url()).not.toContain(t.keys.editor);
    await checkPage('sources');
  });

  it('should show a problem next to the field it concerns, and store nothing', async () => {
    const add = page.getByRole('region', { name: 'Add a source' });
    await add.getByLabel('URL').fill('https://example.org/bad-language');
    await add.getByLabel('Title').fill('Un titre');
    await add.getByLabel('Language').fill('français');
    await add.getByRole('button', { name: 'Add source' }).click();
    const language = add.getByLabel('Language');
    await add.locator('.field.invalid').waitFor();
    expect(await language.getAttribute('aria-invalid')).toBe('true');
    const message = await add.locator('.field.invalid .field-errors').textContent();
    expect(message).toMatch(/language/i);
    expect(await add.locator('.field.invalid label').textContent()).toBe('Language');
    expect(await add.getByRole('alert').textContent()).toContain('Validation failed');
    // The browser logs the 422 it was answered; that one is expected.
    expect(b.errors).toEqual([expect.stringMatching(/status of 422 .*\/v1\/sources$/)]);
    b.errors.length = 0;
    expect(await t.count('sources')).toBe(0);
    await add.getByLabel('URL').fill('');
  });

  it('should add the NATO article by pasting it, and show its French text exactly', async () => {
    const add = page.getByRole('region', { name: 'Add a source' });
    await add.getByLabel('URL').fill('https://www.tunisiefocus.com/international/otan-ukraine-2024-06-13');
    await add.getByLabel('Title').fill(TITLE);
    await add.getByLabel('Publisher').fill('Tunisie Focus');
    await add.getByLabel('Published on').fill('2024-06-13');
    await add.getByLabel('Language').fill('fr');
    await add.getByLabel('Full text').fill(NATO_TEXT);
    await add.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('heading', { name: 'Text' }).waitFor();
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    sourceUrl = page.url();
    const shown = await page.locator('.source-text').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.sr-only').forEach((n) => n.remove());
      return copy.textContent;
    });
    expect(shown).toBe(NATO_TEXT);
  });

  it('should offer “New item from this passage” for a selected passage, and record it', async () => {
    const passage = 'd’un centre conjoint OTAN-Ukraine d’analyse, d’entraînement et de formation (JATEC)';
    await selectInText(page, '.source-text', passage);
    await page.getByRole('button', { name: 'New item from this passage' }).click();
    const form = page.locator('form.record');
    expect(await form.getByLabel('Quote').inputValue()).toBe(passage);
    await form.getByLabel('Title').fill('NATO–Ukraine JATEC centre in Poland');
    await form.getByRole('button', { name: 'Record' }).click();
    // The page stays on the source and links to what was recorded.
    await page.getByRole('status').getByRole('link', { name: 'NATO–Ukraine JATEC centre in Poland' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.locator('h1').textContent()).toBe('NATO–Ukraine JATEC centre in Poland');
    expect(await page.getByTestId('passage').locator('mark.cited').textContent()).toBe(passage);
    await page.goto(sourceUrl);
    await page.getByRole('heading', { name: 'Text' }).waitFor();
  });

  it('should highlight the candidates by kind, the €40bn pledge among them, the recorded one marked', async () => {
    await page.locator('mark.hl-commitment', { hasText: '40 milliards d’euros' }).waitFor();
    expect(await page.locator('mark.hl-claim').count()).toBeGreaterThan(0);
    // The JATEC passage recorded just before is marked as handled.
    await page.locator('mark.hl.handled', { hasText: 'JATEC' }).first().waitFor();
    expect(await page.getByRole('heading', { name: /^Candidates \(\d+\)$/ }).textContent()).toMatch(/\d+/);
    await checkPage('source');
  });

  it('should record the €40bn pledge from its candidate, chosen with the keyboard, in the prefilled form', async () => {
    await page.locator('mark.hl-commitment[tabindex="0"]', { hasText: '40 milliards d’euros' }).focus();
    await page.keyboard.press('Enter');
    const form = page.locator('form.record');
    await form.waitFor();
    expect(await form.getByLabel('Quote').inputValue()).toContain('au moins 40 milliards d’euros');
    expect(await form.getByLabel('Value').inputValue()).toBe('40000000000');
    expect(await form.getByLabel('Currency').inputValue()).toBe('EUR');
    expect(await form.getByLabel('Qualifier').inputValue()).toBe('at_least');
    expect(await form.getByLabel('Recurrence').inputValue()).toBe('annual');
    expect(await form.getByLabel('Status').inputValue()).toBe('proposed');
    expect(page.url()).toMatch(/candidate=\d+/);
    await form.getByLabel('Title').fill('Allies provide Ukraine at least €40bn of military aid per year');
    const rows = await form.locator('.actor-row').all();
    const names = await Promise.all(rows.map((r) => r.getByLabel('Name').inputValue()));
    expect(names).toContain('Ukraine');
    const ukraine = rows[names.indexOf('Ukraine')];
    await ukraine.getByLabel('Actor', { exact: true }).selectOption('new');
    await ukraine.getByLabel('Kind of the new actor').selectOption('country');
    await checkPage('record');
    await form.getByRole('button', { name: 'Record' }).click();
    await page
      .getByRole('status')
      .getByRole('link', { name: 'Allies provide Ukraine at least €40bn of military aid per year' })
      .click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    itemUrl = page.url();
    expect(await page.locator('.facts').textContent()).toContain('Ukraine (beneficiary)');
  });

  it('should show the item as proposed with its passage in the source', async () => {
    expect(await page.getByTestId('item-status').textContent()).toBe('proposed');
    const passage = page.getByTestId('passage').locator('mark.cited');
    expect(await passage.textContent()).toContain('au moins 40 milliards d’euros');
    await checkPage('item');
  });

  it('should add an agreed update dated 2024-07-10 and show it in the timeline', async () => {
    const form = page.locator('form.update-form');
    await form.getByLabel('New status').selectOption('agreed');
    await form.getByLabel('Happened on').fill('2024-07-10');
    await form.getByLabel('Note').fill('Les Alliés ont approuvé l’engagement au sommet de Washington');
    await form.getByRole('button', { name: 'Add update' }).click();
    await page.locator('[data-testid="item-status"]', { hasText: 'agreed' }).waitFor();
    const entry = page.locator('.timeline li', { hasText: '2024-07-10' });
    expect(await entry.textContent()).toContain('→ agreed');
    expect(await entry.textContent()).toContain(
      'Les Alliés ont approuvé l’engagement au sommet de Washington',
    );
  });

  it('should take evidence from a selected passage, and strike a retracted update through', async () => {
    const form = page.locator('form.update-form');
    await form.getByLabel('New status').selectOption('in_progress');
    await form.getByLabel('Happened on').fill('2024-08-01');
    await form.getByLabel('Note').fill('Premières livraisons annoncées');
    await selectInText(page, '[data-testid="passage"] blockquote', 'au moins 40 milliards d’euros');
    await page.getByRole('button', { name: 'Use the selection as evidence' }).click();
    expect(await form.locator('.evidence-list q').textContent()).toBe('au moins 40 milliards d’euros');
    await form.getByRole('button', { name: 'Add update' }).click();
    await page.locator('[data-testid="item-status"]', { hasText: 'in progress' }).waitFor();
    const entry = page.locator('.timeline li', { hasText: 'Premières livraisons annoncées' });
    expect(await entry.locator('blockquote.evidence').textContent()).toContain(
      'au moins 40 milliards d’euros',
    );

    await entry.getByRole('button', { name: 'Retract' }).click();
    await entry.getByLabel('Why retract it?').fill('Annonce démentie le lendemain');
    await entry.getByRole('button', { name: 'Retract' }).click();
    await entry.locator('del').waitFor();
    expect(await entry.textContent()).toContain('Annonce démentie le lendemain');
    await page.locator('[data-testid="item-status"]', { hasText: 'agreed' }).waitFor();
  });

  it('should schedule, snooze and complete follow-ups on the item page', async () => {
    const section = page.getByRole('region', { name: 'Follow-ups' });
    const schedule = async (due: string, note: string) => {
      await section.getByLabel('Due on').fill(due);
      await section.getByLabel('What to check').fill(note);
      await section.getByRole('button', { name: 'Schedule' }).click();
      await section.locator('li', { hasText: note }).waitFor();
    };
    await schedule('2024-07-15', 'Vérifier la déclaration du sommet de Washington');
    expect(await section.locator('li', { hasText: 'Washington' }).textContent()).toContain('overdue');
    await schedule('2030-01-01', 'Premier bilan annuel');
    const annual = section.locator('li', { hasText: 'Premier bilan annuel' });
    await annual.getByLabel('Snooze until').fill('2030-02-01');
    await annual.getByRole('button', { name: 'Snooze' }).click();
    await section.locator('li time', { hasText: '2030-02-01' }).waitFor();
    await section
      .locator('li', { hasText: 'Premier bilan annuel' })
      .getByRole('button', { name: 'Complete' })
      .click();
    await section.locator('li.closed', { hasText: 'Premier bilan annuel' }).waitFor();
    expect(await section.locator('li.closed').textContent()).toContain('done');
    await checkPage('item-follow-ups');
  });

  it('should show one agreed commitment on the dashboard, and proposed as of 2024-07-01', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const table = page.getByTestId('commitment-statuses');
    await table.waitFor();
    const count = (status: string, column: number) =>
      table
        .locator('tr', { has: page.locator(`th:text-is("${status}")`) })
        .locator('td')
        .nth(column)
        .textContent();
    // The JATEC centre recorded from a selected passage stays proposed.
    expect(await count('agreed', 0)).toBe('1');
    expect(await count('proposed', 0)).toBe('1');
    await checkPage('dashboard');

    await page.getByLabel('Compare with the status as of').fill('2024-07-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await table.locator('th', { hasText: 'As of 2024-07-01' }).waitFor();
    expect(await count('proposed', 1)).toBe('2');
    expect(await count('agreed', 1)).toBe('0');
    expect(page.url()).toContain('asOf=2024-07-01');
    const overdue = page.getByRole('region', { name: 'Follow-ups' });
    expect(await overdue.locator('li').textContent()).toContain(
      'Vérifier la déclaration du sommet de Washington',
    );
    await checkPage('dashboard-as-of');
    await table
      .locator('tr', { has: page.locator('th:text-is("proposed")') })
      .getByRole('link')
      .last()
      .click();
    await page.waitForURL(/#\/items\?kind=commitment&status=proposed&asOf=2024-07-01/);
    await page.locator('table.items tbody tr').nth(1).waitFor();
    expect(await page.locator('table.items tbody tr').count()).toBe(2);
  });

  it('should list the item under its filters, keep them in the address, and open it from there', async () => {
    await page.goto('/#/items?kind=commitment&status=agreed');
    // The filters show what the address says (and the list below answers them).
    await page.getByRole('checkbox', { name: 'agreed' }).and(page.locator(':checked')).waitFor();
    const row = page.locator('table.items tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('40');
    await checkPage('items');
    await page.getByLabel('Search').fill('milliard');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=milliard/);
    expect(page.url()).toContain('status=agreed');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('items.csv');
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv).toContain('Allies provide Ukraine at least €40bn of military aid per year');
    expect(csv).not.toContain('JATEC'); // the filters apply to the export too
    await row.first().locator('a').click();
    await page.waitForURL(itemUrl);
  });
});
