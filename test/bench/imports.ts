import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { probe, quantile } from './health-probe';

/**
 * `npm run build && node dist/test/bench/imports.js [--rows 10000] [--seconds 3] [--rounds 8]`:
 * imports an invented aid sheet of N rows (each a new item with its own source; ten donors) into a
 * fresh database, through the real service in its own process, while a probe asks GET
 * /health/live every 20 ms. Prints rows per second of the dry run, of the import and of the same
 * sheet imported again with every row changed (title and amount: N `update` rows), and the probe's
 * p50 / p99 / max latency against the same probe on the idle service (the ratio is what to compare
 * between machines). Then publishes the imported items (a page of the newest 100) and drives, for
 * --seconds each with the same 10 connections, GET /p/<slug> (its kept body: nothing changed, with
 * gzip as browsers ask and without) and the item list's 304 poll (If-None-Match with its tag),
 * interleaved over --rounds rounds (page, poll, poll, page, …: a change of the machine's load falls
 * on both), and prints the median page/poll ratio with its spread.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ROWS = option('--rows', 10_000);
const SECONDS = option('--seconds', 3);
const ROUNDS = option('--rounds', 8);
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const DONORS = [
  'Germany',
  'France',
  'Poland',
  'Sweden',
  'Norway',
  'Denmark',
  'Finland',
  'Spain',
  'Italy',
  'Canada',
];
const MAPPING = {
  rowKey: 'ID',
  actor: 'Donor',
  date: 'Date',
  title: 'Explanation',
  amount: 'Value (EUR m)',
  sourceUrl: 'Source',
};

/** The sheet; `revised`: every row's title and amount changed, as a team's next export would be. */
function sheet(rows: number, revised = false): Buffer {
  const lines = ['ID,Donor,Date,Explanation,Value (EUR m),Source'];
  for (let i = 1; i <= rows; i++) {
    const donor = DONORS[i % DONORS.length];
    const day = String((i % 28) + 1).padStart(2, '0');
    const title = `Package ${i} of ${donor}: shells lot ${i * 7}${revised ? ' (revised)' : ''}`;
    lines.push(
      `B-${i},${donor},${day}/03/2024,${title},${(i % 900) + 1 + (revised ? 10 : 0)}.5,https://example.org/bench/${i}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

/** POST /v1/imports through node:http: fetch gives up on an answer that takes over 300 s. */
async function post(base: string, file: Buffer, dryRun: boolean): Promise<{ ms: number; counts: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.csv');
  form.append('mapping', JSON.stringify(MAPPING));
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const started = performance.now();
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${base}/v1/imports${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        'content-type': encoded.headers.get('content-type')!,
        'content-length': body.length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.end(body);
  });
  if (status >= 300) throw new Error(`import answered ${status}: ${text}`);
  return { ms: performance.now() - started, counts: (JSON.parse(text) as { counts: unknown }).counts };
}

/** Requests per second of one GET, autocannon with 10 connections for SECONDS. */
async function rate(url: string, headers: Record<string, string>, expected: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: 10, duration: SECONDS });
  const answered = result.statusCodeStats?.[`${expected}`]?.count ?? 0;
  if (answered < result.requests.total * 0.99)
    throw new Error(`${url} answered ${JSON.stringify(result.statusCodeStats)}, not ${expected}`);
  return result.requests.average;
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The cached public page against the 304 poll of the item list, in the same run. */
async function pageAgainstPoll(base: string): Promise<void> {
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  const published = await fetch(`${base}/v1/publications`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Bench deliveries', filter: {} }),
  });
  const { slug } = (await published.json()) as { slug: string };
  const page = `${base}/p/${slug}`;
  const body = await (await fetch(page)).text(); // rendered once, then kept
  const list = await fetch(`${base}/v1/items?limit=50`, { headers: auth });
  await list.arrayBuffer();
  const etag = list.headers.get('etag')!;
  // Browsers ask for gzip. Each round runs the page and the poll back to back, in turns first, so
  // that a change of the machine's load falls on both; the ratio is taken per round.
  const gzipPage = () => rate(page, { 'accept-encoding': 'gzip, deflate, br' }, 200);
  const poll = () => rate(`${base}/v1/items?limit=50`, { ...auth, 'if-none-match': etag }, 304);
  const rounds: { gzip: number; plain: number; poll: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0 ? await gzipPage() : await poll();
    const second = round % 2 === 0 ? await poll() : await gzipPage();
    const [gzip, pollRps] = round % 2 === 0 ? [first, second] : [second, first];
    rounds.push({ gzip, poll: pollRps, plain: round < 2 ? await rate(page, {}, 200) : NaN });
  }
  const ratios = rounds.map((r) => r.gzip / r.poll);
  const plain = rounds.filter((r) => !Number.isNaN(r.plain));
  console.log(
    `GET /p/${slug} (kept body, ${(body.length / 1024).toFixed(0)} KiB) median ${median(rounds.map((r) => r.gzip)).toFixed(0)} req/s with gzip; ` +
      `GET /v1/items 304 poll median ${median(rounds.map((r) => r.poll)).toFixed(0)} req/s; ` +
      `page/poll median ×${median(ratios).toFixed(2)} over ${ROUNDS} rounds of ${SECONDS} s ` +
      `(spread ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}: ${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
      `without gzip ×${median(plain.map((r) => r.plain / r.poll)).toFixed(2)} (first two rounds)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const { url, stop } = await benchDatabase('pledgewatch_imports');
  await runMigrations(url);
  const child = fork(join(__dirname, 'serve-app.js'), [url], {
    env: { ...process.env, BENCH_ADMIN_KEY: ADMIN_KEY },
  });
  try {
    const port = await new Promise<number>((ok, fail) => {
      child.once('message', (m: { port: number }) => ok(m.port));
      child.once('exit', (code) => fail(new Error(`serve-app.js exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const file = sheet(ROWS);
    let stopIdle = false;
    const idleProbe = probe(base, () => stopIdle);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stopIdle = true;
    const idle = await idleProbe;
    const runs = [
      { label: 'dry run', file, dryRun: true },
      { label: 'import ', file, dryRun: false },
      { label: 'changed', file: sheet(ROWS, true), dryRun: false },
    ];
    for (const { label, file, dryRun } of runs) {
      let finished = false;
      const busy = probe(base, () => finished);
      const run = await post(base, file, dryRun).finally(() => (finished = true));
      const during = await busy;
      console.log(
        `${label} ${ROWS} rows: ${((ROWS / run.ms) * 1000).toFixed(0)} rows/s (${(run.ms / 1000).toFixed(1)} s) ${JSON.stringify(run.counts)}; ` +
          `/health/live p50 ${quantile(during, 0.5).toFixed(1)} ms, p99 ${quantile(during, 0.99).toFixed(1)} ms, max ${during[during.length - 1].toFixed(1)} ms ` +
          `(idle p99 ${quantile(idle, 0.99).toFixed(1)} ms: ×${(quantile(during, 0.99) / quantile(idle, 0.99)).toFixed(1)})`,
      );
    }
    await pageAgainstPoll(base);
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    child.kill('SIGTERM');
    await stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
