/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { en } from '../../web/locales/en';
import { TestApp } from '../helpers/app';
import { BrowserSession, selectInText } from '../helpers/browser';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

const JULY_TEXT = readFileSync(join(__dirname, '../fixtures/nato-summit-2024-07.en.txt'), 'utf8');
const PLEDGE_TITLE = 'Allies provide Ukraine at least €40bn of military aid per year';

/**
 * Tracking a pledge over time in the workbench (issue #24): record the €40bn pledge from the June
 * article, see *Back* never record it twice, apply the update the July report proposes, attach a
 * contradicting passage, edit with a stale copy (412, reapply), merge a duplicate and discard an
 * item. Each new state is checked with axe-core and must log no console error.
 */
describe('tracking a pledge in the workbench', () => {
  let t: TestApp;
  let b: BrowserSession;
  let page: Page;
  let juneId = '';
  let julyId = '';
  let itemId = '';
  jest.setTimeout(60_000);

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    b = await BrowserSession.open(`http://127.0.0.1:${port}`);
    page = b.page;
    page.setDefaultTimeout(10_000);
    juneId = (await createSource(t)).id;
    julyId = (
      await createSource(t, {
        title: 'Washington summit: Allies settle the long-term funding of military aid to Ukraine',
        publisher: 'Pledgewatch tests',
        publishedAt: '2024-07-11T18:00:00Z',
        language: 'en',
        text: JULY_TEXT,
      })
    ).id;
    await page.goto('/');
    await page.getByLabel('API key').fill(t.keys.editor);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  async function checkPage(name: string) {
    await page.waitForLoadState('networkidle');
    expect(await b.accessibilityViolations()).toEqual([]);
    expect(b.errors).toEqual([]);
    await b.screenshot(name);
  }

  it('should record the June pledge, stay on the source, and never record it twice going Back', async () => {
    await page.goto(`/#/sources/${juneId}`);
    await page.locator('mark.hl-commitment[tabindex="0"]', { hasText: '40 milliards d’euros' }).click();
    const form = page.locator('form.record');
    await form.getByLabel(en.record.title, { exact: true }).fill(PLEDGE_TITLE);
    await form.getByLabel(en.record.language).fill('en');
    await form.getByLabel(en.record.value).fill('40bn'); // typed as the English interface reads it
    await form.getByRole('button', { name: en.record.submit }).click();
    const notice = page.getByRole('status');
    await notice.getByRole('link', { name: PLEDGE_TITLE }).waitFor();
    itemId = (await notice.getByRole('link', { name: PLEDGE_TITLE }).getAttribute('href'))!.split('/').pop()!;
    expect(await t.count('items')).toBe(1);
    await checkPage('record-stays-on-source');

    // The item's page, then Back: the candidate shows as recorded, never as an active form.
    await notice.getByRole('link', { name: PLEDGE_TITLE }).click();
    await page.getByRole('heading', { name: en.timeline.title }).waitFor();
    await page.goBack();
    await page.locator('mark.hl-commitment', { hasText: '40 milliards d’euros' }).first().click();
    const recorded = page.getByRole('region', { name: en.candidatePanel.alreadyRecorded });
    await recorded.getByRole('link', { name: en.candidatePanel.openRecorded }).waitFor();
    expect(await page.locator('form.record').count()).toBe(0);
    expect(await t.count('items')).toBe(1);
    const item = await t.get(`/v1/items/${itemId}`);
    expect(item.body.amount).toMatchObject({ value: '40000000000', currency: 'EUR' });
  });

  it('should propose agreed on the July report, and apply it with the July passage as evidence', async () => {
    await page.goto(`/#/sources/${julyId}`);
    await page.locator('mark.hl-commitment', { hasText: 'NATO leaders agreed' }).first().click();
    const proposal = page.getByTestId('proposed-update');
    expect(await proposal.textContent()).toContain('agreed');
    await checkPage('proposed-update');
    await proposal.getByRole('button', { name: en.proposed.apply }).click();
    await page.getByTestId('proposed-update').waitFor({ state: 'detached' });
    await page.goto(`/#/items/${itemId}`);
    await page.locator('[data-testid="item-status"]', { hasText: 'agreed' }).waitFor();
    const evidence = page.locator('.timeline blockquote.evidence');
    expect(await evidence.first().textContent()).toContain('NATO leaders agreed');
    expect(await page.getByTestId('passage').count()).toBe(1);
  });

  it('should attach a third passage as contradict from the source page', async () => {
    await page.goto(`/#/sources/${julyId}`);
    await page.getByRole('heading', { name: en.source.text }).waitFor();
    await selectInText(page, '.source-text', 'the sum remained far below what Kyiv had asked for');
    await page.getByRole('button', { name: en.source.attach }).click();
    const form = page.locator('form.attach');
    await form.getByLabel(en.itemSearch.label).fill('military aid');
    await form.getByRole('radio', { name: new RegExp(PLEDGE_TITLE.slice(0, 20)) }).check();
    await form.getByLabel(en.attach.role).selectOption('contradict');
    await checkPage('attach-passage');
    await form.getByRole('button', { name: en.attach.submit, exact: true }).click();
    await page.getByRole('status').getByRole('link', { name: PLEDGE_TITLE }).click();
    await page.locator('[data-testid="passage"]', { hasText: 'contradict' }).waitFor();
    expect(await page.getByTestId('passage').count()).toBe(2);
  });

  it('should edit the title in place, show a stale edit as 412 with what changed, and reapply it', async () => {
    await page.getByRole('button', { name: en.itemActions.edit }).click();
    const form = page.getByRole('form', { name: en.itemActions.editForm });
    await form
      .getByLabel(en.itemActions.fields.title)
      .fill('Allies pledge at least €40bn a year for Ukraine');
    // Someone else edits the statement meanwhile.
    const current = await t.get(`/v1/items/${itemId}`);
    await t.patch(
      `/v1/items/${itemId}`,
      { statement: 'Edited elsewhere.' },
      { headers: { 'if-match': String(current.headers.etag) } },
    );
    await form.getByRole('button', { name: en.itemActions.save }).click();
    const conflict = form.getByRole('alert').filter({ hasText: en.itemActions.conflict });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Edited elsewhere.');
    b.errors.length = 0; // the browser logs the 412 it was answered; that one is expected
    await checkPage('edit-conflict');
    await conflict.getByRole('button', { name: en.itemActions.reapply }).click();
    await page.locator('h1', { hasText: 'Allies pledge at least €40bn a year for Ukraine' }).waitFor();
    // Reapplied, the edit keeps what the other person changed.
    expect((await t.get(`/v1/items/${itemId}`)).body.statement).toBe('Edited elsewhere.');
  });

  it('should merge a duplicate into the pledge from its page', async () => {
    const duplicate = await createItem(t, pledgeBody(juneId, { title: 'Duplicate of the €40bn pledge' }));
    await page.goto(`/#/items/${duplicate.id}`);
    await page.getByRole('button', { name: en.itemActions.merge }).click();
    await page.getByLabel(en.itemSearch.label).fill('Ukraine');
    await page.getByRole('radio', { name: /Allies pledge at least/ }).check();
    await checkPage('merge-into');
    await page.getByRole('button', { name: en.itemActions.mergeSubmit }).click();
    await page.waitForURL(new RegExp(`#/items/${itemId}$`));
    expect((await t.get(`/v1/items/${duplicate.id}`)).status).toBe(308);
  });

  it('should discard an item recorded by mistake and see it leave the dashboard', async () => {
    const mistake = await createItem(
      t,
      pledgeBody(juneId, { title: 'Recorded by mistake', amount: null, recurrence: null, status: 'agreed' }),
    );
    const agreed = async () => {
      await page.goto('/#/dashboard');
      const table = page.getByTestId('commitment-statuses');
      await table.waitFor();
      await page.waitForLoadState('networkidle');
      return table
        .locator('tr', { has: page.locator('th:text-is("agreed")') })
        .locator('td')
        .first()
        .textContent();
    };
    expect(await agreed()).toBe('2');
    await page.goto(`/#/items/${mistake.id}`);
    await page.getByRole('button', { name: en.itemActions.discard }).click();
    await checkPage('discard');
    await page.getByRole('button', { name: en.itemActions.discardSubmit }).click();
    await page.waitForURL(/#\/items$/);
    expect(await agreed()).toBe('1');
    expect((await t.get(`/v1/items/${mistake.id}`)).status).toBe(410);
  });
});
