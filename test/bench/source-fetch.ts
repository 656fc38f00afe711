/**
 * Fetching and reading a source (`POST /v1/sources/fetch` without the database): for each fixture
 * page, served from a local HTTP server, the median time to fetch it and to fetch and extract it
 * (the extraction the worker pool runs), and their ratio — the fetch alone is the baseline, so the
 * figures compare across machines. Run: `npx ts-node`-free, after `npm run build`:
 * `node dist/test/bench/source-fetch.js [runs]`.
 */
import { readdirSync } from 'node:fs';
import { fetchPage } from '../../src/sources/fetching/fetch-page';
import { extractDocument } from '../../src/sources/extraction/extract-document';
import { fixturePage, PAGES_DIR, PageServer } from '../helpers/page-server';

const RUNS = Math.min(Number(process.argv[2] ?? 21), 200);
const LIMITS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5, allowPrivate: true };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const web = await PageServer.start();
  try {
    console.log(`\n# Source fetch + extract (median of ${RUNS} runs per page, local server)`);
    console.log('| page | bytes | fetch ms | fetch + extract ms | ratio |\n|---|---:|---:|---:|---:|');
    for (const file of readdirSync(PAGES_DIR).sort()) {
      const contentType = file.includes('latin1') ? 'text/html' : 'text/html; charset=utf-8';
      const url = web.put(`/${file}`, fixturePage(file), contentType);
      const fetchOnly: number[] = [];
      const whole: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let start = performance.now();
        await fetchPage(url, LIMITS);
        fetchOnly.push(performance.now() - start);
        start = performance.now();
        const page = await fetchPage(url, LIMITS);
        const read = await extractDocument({ bytes: page.bytes, contentType: page.contentType, url });
        if (!read.ok || !read.document.text) throw new Error(`${file}: nothing read`);
        whole.push(performance.now() - start);
      }
      const [f, w] = [median(fetchOnly), median(whole)];
      console.log(
        `| ${file} | ${fixturePage(file).length} | ${f.toFixed(2)} | ${w.toFixed(2)} | ${(w / f).toFixed(1)} |`,
      );
    }
  } finally {
    await web.close();
  }
}

void main();
