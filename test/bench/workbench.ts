import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { BrowserSession } from '../helpers/browser';
import { benchDatabase } from './bench-database';
import { generate } from './generate';

/**
 * `npm run bench:workbench [-- --items 100000 --runs 5]`: loads N items, starts the service
 * (serve-app.js, its own process) with the built pages, signs in with Debian's Chromium and times
 * the dashboard from a full page load until every panel has drawn its chart, now and as of a date.
 * Prints the median and the range of the runs.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ITEMS = option('items', 100_000);
const RUNS = option('runs', 5);
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const { url, stop } = await benchDatabase('pledgewatch_workbench', ['-c', 'shared_buffers=1GB']);
  const child = fork(join(__dirname, 'serve-app.js'), [url], {
    env: { ...process.env, BENCH_ADMIN_KEY: ADMIN_KEY },
  });
  let browser: BrowserSession | undefined;
  try {
    await runMigrations(url);
    const loaded = await generate(url, ITEMS, () => undefined);
    log(`# Workbench dashboard — ${ITEMS.toLocaleString('en')} items (${JSON.stringify(loaded.rows)})`);
    const port = await new Promise<number>((ok, fail) => {
      child.once('message', (m: { port: number }) => ok(m.port));
      child.once('exit', (code) => fail(new Error(`serve-app.js exited with ${code}`)));
    });
    browser = await BrowserSession.open(`http://127.0.0.1:${port}`);
    const page = browser.page;
    await page.goto('/');
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    for (const view of ['#/dashboard', '#/dashboard?asOf=2025-01-01']) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto('about:blank'); // a full load each time (the key stays in sessionStorage)
        const started = Date.now();
        await page.goto(`/${view}`);
        // Every panel drawn: five charts on their canvases, no panel still loading.
        await page.waitForFunction(
          () =>
            document.querySelectorAll('.grid canvas[data-drawn]').length === 5 &&
            !document.querySelector('.grid .loading'),
          undefined,
          { timeout: 120_000 },
        );
        times.push(Date.now() - started);
      }
      times.sort((a, b) => a - b);
      log(`  ${view}: median ${times[Math.floor(times.length / 2)]} ms (runs: ${times.join(', ')} ms)`);
    }
    if (browser.errors.length) log(`  console errors: ${browser.errors.join(' | ')}`);
  } finally {
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
    await stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
