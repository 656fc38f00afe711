/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { AxeResults } from 'axe-core';
import { source as AXE_SOURCE } from 'axe-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the tests save each page: docs/screenshots/ with `npm run screenshots` (UPDATE_SCREENSHOTS=1),
 * a temporary folder otherwise, so an ordinary `npm test` leaves the committed pictures alone.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : join(tmpdir(), 'pledgewatch-screenshots');

/**
 * Debian's Chromium driven by playwright-core, headless, with a fresh profile and no background
 * networking (this machine's network is closed). Every console error and uncaught exception is
 * collected, so a test can assert there were none.
 */
export class BrowserSession {
  readonly errors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {}

  /** `locale` sets the browser's language (navigator.language), `colorScheme` its light or dark setting. */
  static async open(
    baseURL: string,
    options: { width?: number; height?: number; locale?: string; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<BrowserSession> {
    const profile = mkdtempSync(join(tmpdir(), 'pledgewatch-chromium-'));
    // A fresh, throw-away profile (Playwright passes it as --user-data-dir).
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      baseURL,
      viewport: { width: options.width ?? 1400, height: options.height ?? 900 },
      locale: options.locale,
      colorScheme: options.colorScheme,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const session = new BrowserSession(context, page, profile);
    page.on('console', (m) => m.type() === 'error' && session.errors.push(`${m.text()} ${m.location().url}`));
    page.on('pageerror', (e) => session.errors.push(`uncaught: ${e.message}`));
    return session;
  }

  /** axe-core's serious and critical violations on the page as it is now. */
  async accessibilityViolations(): Promise<string[]> {
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await this.page.evaluate(AXE_SOURCE);
    const results = await this.page.evaluate(() =>
      (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run(),
    );
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  /** The viewport as <SCREENSHOTS>/<name>.png. */
  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Selects the passage in the element as a person dragging the mouse over it would. */
export async function selectInText(page: Page, selector: string, passage: string) {
  await page.locator(selector).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const whole = nodes.map((n) => n.data).join('');
    const start = whole.indexOf(wanted);
    if (start < 0) throw new Error(`not in the text: ${wanted}`);
    const at = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      throw new Error('offset beyond the text');
    };
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + wanted.length));
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, passage);
}
