import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { probe, quantile } from './health-probe';

/**
 * `npm run build && node dist/test/bench/imports.js [--rows 10000]`: imports an invented aid sheet
 * of N rows (each a new item with its own source; ten donors) into a fresh database, through the
 * real service in its own process, while a probe asks GET /health/live every 20 ms. Prints rows per
 * second of the dry run and of the import, and the probe's p50 / p99 / max latency against the
 * same probe on the idle service (the ratio is what to compare between machines).
 */
const args = process.argv.slice(2);
const at = args.indexOf('--rows');
const ROWS = at >= 0 ? Number(args[at + 1]) : 10_000;
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

async function main(): Promise<void> {
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
  } finally {
    child.kill('SIGTERM');
    await stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
