/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { AxeResults, RunOptions } from 'axe-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** axe-core's minified build (the package's `source` export is the 1.5 MB unminified one). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/**
 * Where the tests save each page: docs/screenshots/ with `npm run screenshots` (UPDATE_SCREENSHOTS=1),
 * a temporary folder with PLEDGEWATCH_SCREENSHOTS=1 (to look at the pages of a run), and nowhere
 * otherwise: no test compares the pictures, and encoding them cost an ordinary `npm test` ~0.4 s
 * of Chromium's time per page.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : process.env.PLEDGEWATCH_SCREENSHOTS
    ? join(tmpdir(), 'pledgewatch-screenshots')
    : null;

/** What the page's `window.axe` offers that the helper uses. */
interface AxeInPage {
  run(options: RunOptions): Promise<AxeResults>;
  _audit: { rules: { id: string; impact?: string }[] };
}

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

  /**
   * axe-core's serious and critical violations on the page as it is now. Its 650 kB are evaluated
   * once per document (through the DevTools protocol, which the page's CSP does not govern), not
   * at every check; only violations are collected in full (`resultTypes`: the passes, which the
   * test never reads, keep one node per rule). A rule's impact is fixed (axe-core gives every
   * check of a rule the rule's impact), so the rules rated minor or moderate, which can never
   * report a serious or critical violation, are not run; `_audit.rules` is axe-core's own list of
   * rules with their impact (`getRules()` leaves the impact out).
   */
  async accessibilityViolations(): Promise<string[]> {
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(AXE_SOURCE);
    const results = await this.page.evaluate(() => {
      const axe = (window as unknown as { axe: AxeInPage }).axe;
      const lesser = axe._audit.rules.filter((r) => r.impact === 'minor' || r.impact === 'moderate');
      return axe.run({
        rules: Object.fromEntries(lesser.map((r) => [r.id, { enabled: false }])),
        resultTypes: ['violations'],
      });
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  /** The viewport as <SCREENSHOTS>/<name>.png, when the run keeps screenshots (above). */
  async screenshot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
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
