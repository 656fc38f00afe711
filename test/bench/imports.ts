import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { probe, quantile } from './health-probe';

/**
 * `npm run build && node dist/test/bench/imports.js [--rows 10000] [--seconds 5]`: imports an
 * invented aid sheet of N rows (each a new item with its own source; ten donors) into a fresh
 * database, through the real service in its own process, while a probe asks GET /health/live every
 * 20 ms. Prints rows per second of the dry run and of the import, and the probe's p50 / p99 / max
 * latency against the same probe on the idle service (the ratio is what to compare between
 * machines). Then publishes the imported items (a page of the newest 100) and drives, one after the
 * other for --seconds each (three rounds), GET /p/<slug> (its kept body: nothing changed) and the
 * item list's 304 poll (If-None-Match with its tag), and prints both rates and their ratio.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ROWS = option('--rows', 10_000);
const SECONDS = option('--seconds', 5);
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

function sheet(rows: number): Buffer {
  const lines = ['ID,Donor,Date,Explanation,Value (EUR m),Source'];
  for (let i = 1; i <= rows; i++) {
    const donor = DONORS[i % DONORS.length];
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `B-${i},${donor},${day}/03/2024,Package ${i} of ${donor}: shells lot ${i * 7},${(i % 900) + 1}.5,https://example.org/bench/${i}`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

async function post(base: string, file: Buffer, dryRun: boolean): Promise<{ ms: number; counts: unknown }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.csv');
  form.append('mapping', JSON.stringify(MAPPING));
  const started = performance.now();
  const res = await fetch(`${base}/v1/imports${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
    body: form,
  });
  const body = (await res.json()) as { counts: unknown };
  if (!res.ok) throw new Error(`import answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, counts: body.counts };
}

/** Requests per second of one GET, autocannon with 10 connections for SECONDS. */
async function rate(url: string, headers: Record<string, string>, expected: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: 10, duration: SECONDS });
  const answered = result.statusCodeStats?.[`${expected}`]?.count ?? 0;
  if (answered < result.requests.total * 0.99)
    throw new Error(`${url} answered ${JSON.stringify(result.statusCodeStats)}, not ${expected}`);
  return result.requests.average;
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
  // Alternated, so that a change of the machine's load falls on all three. Browsers ask for gzip.
  const rounds: [number, number, number][] = [];
  for (let round = 0; round < 3; round++)
    rounds.push([
      await rate(page, { 'accept-encoding': 'gzip, deflate, br' }, 200),
      await rate(page, {}, 200),
      await rate(`${base}/v1/items?limit=50`, { ...auth, 'if-none-match': etag }, 304),
    ]);
  const [gzipRps, plainRps, pollRps] = [0, 1, 2].map(
    (i) => rounds.reduce((sum, r) => sum + r[i], 0) / rounds.length,
  );
  console.log(
    `GET /p/${slug} (kept body, ${(body.length / 1024).toFixed(0)} KiB) ${gzipRps.toFixed(0)} req/s with gzip, ${plainRps.toFixed(0)} without; ` +
      `GET /v1/items 304 poll ${pollRps.toFixed(0)} req/s; page/poll ×${(gzipRps / pollRps).toFixed(2)} with gzip ` +
      `(rounds ${rounds.map(([g, , b]) => (g / b).toFixed(2)).join(', ')}), ×${(plainRps / pollRps).toFixed(2)} without`,
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
    for (const dryRun of [true, false]) {
      let finished = false;
      const busy = probe(base, () => finished);
      const run = await post(base, file, dryRun).finally(() => (finished = true));
      const during = await busy;
      console.log(
        `${dryRun ? 'dry run' : 'import '} ${ROWS} rows: ${((ROWS / run.ms) * 1000).toFixed(0)} rows/s (${(run.ms / 1000).toFixed(1)} s) ${JSON.stringify(run.counts)}; ` +
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
