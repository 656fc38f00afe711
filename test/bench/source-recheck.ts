import { fork } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { probe, quantile } from './health-probe';

/**
 * `npm run build && node dist/test/bench/source-recheck.js [--sources 10000] [--concurrency 4]`: the scheduled
 * recheck of N fetched sources against a local HTTP server, through the real service in its own
 * process (SCHEDULER_ENABLED, RECHECK_POLL_MS 200). Each source has its archived snapshot; the
 * server answers 7 in 10 with the archived bytes (unchanged), 2 in 10 with the page edited (a
 * paragraph gone: changed; the first 100 of them are cited by an item, whose passage leaves),
 * 1 in 10 with 404 (gone). Prints sources rechecked per second, the statuses found, the
 * `item.source_changed` events, and GET /health/live's p50 / p99 / max during the recheck against
 * the same probe on the idle service, with the load average (the machine may be shared).
 */
const args = process.argv.slice(2);
const at = args.indexOf('--sources');
const N = at >= 0 ? Number(args[at + 1]) : 10_000;
const lanes = args.indexOf('--concurrency');
const CONCURRENCY = lanes >= 0 ? args[lanes + 1] : undefined;
const CITED = Math.min(100, Math.floor(N / 10));
const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The made-up article of source i; `edited` leaves out the paragraph that items cite. */
function paragraphs(i: number, edited: boolean): string[] {
  const kept = [
    `The harbour committee of district ${i} met on Tuesday to review the ferry timetable and the state of the piers.`,
    `Members heard that the crossing carried ${1000 + i} passengers last month, most of them commuters on the early boats.`,
    'The chair said the repairs to the northern pier would start after the summer season, once the tenders are opened.',
    'A resident asked why the evening service stops at nine; the operator answered that the crew rota is being redrawn.',
  ];
  const cited = `The committee pledged ${i + 1} thousand euros for a new waiting room at the ferry landing.`;
  return edited
    ? [...kept.slice(0, 2), 'Correction: an earlier version misstated the budget.', ...kept.slice(2)]
    : [...kept.slice(0, 2), cited, ...kept.slice(2)];
}

const html = (i: number, edited: boolean) =>
  Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour committee ${i}</title></head>` +
      `<body><nav>Home | News</nav><article><h1>Harbour committee ${i}</h1>` +
      paragraphs(i, edited)
        .map((p) => `<p>${p}</p>`)
        .join('') +
      '</article><footer>Local news</footer></body></html>',
  );
const kindOf = (i: number) => (i % 10 === 9 ? 'gone' : i % 10 >= 7 ? 'changed' : 'unchanged');

/** The local "web": /s/<i> as kindOf(i) says. */
async function pageServer(): Promise<{ base: string; close: () => void }> {
  const server = createServer((req, res) => {
    const i = Number(/^\/s\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    if (i < 0 || kindOf(i) === 'gone') return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(i, kindOf(i) === 'changed'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** N sources as a fetch would have stored them (text, hash, first snapshot), not due yet. */
async function seed(db: Client, web: string): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < N; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - from) }, (_, k) => from + k);
    const rows = batch.map((i) => {
      const text = paragraphs(i, false).join('\n\n');
      const url = `${web}/s/${i}`;
      return { id: randomUUID(), url, text, hash: sha256(text), bytes: html(i, false) };
    });
    ids.push(...rows.map((r) => r.id));
    await db.query(
      `INSERT INTO sources (id, url, canonical_url, title, language, kind, text, content_hash, media_type, created_by, next_check_at)
       SELECT id, url, url, 'Harbour committee', 'en', 'news_article', text, hash, 'text/html', 'bench', now() + interval '1 day'
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS s(id, url, text, hash)`,
      [rows.map((r) => r.id), rows.map((r) => r.url), rows.map((r) => r.text), rows.map((r) => r.hash)],
    );
    await db.query(
      `INSERT INTO source_snapshots (source_id, content_type, sha256, size, final_url, bytes)
       SELECT id, 'text/html; charset=utf-8', sha, octet_length(bytes), url, bytes
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[]) AS s(id, sha, url, bytes)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => sha256(r.bytes)),
        rows.map((r) => r.url),
        rows.map((r) => r.bytes),
      ],
    );
  }
  return ids;
}

/** Items citing the paragraph that the changed pages lose, through the API (its quote check included). */
async function citeChanged(base: string, ids: string[]): Promise<void> {
  const changed = ids
    .map((id, i) => ({ id, i }))
    .filter(({ i }) => kindOf(i) === 'changed')
    .slice(0, CITED);
  for (const { id, i } of changed) {
    const res = await fetch(`${base}/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'commitment',
        title: `Waiting room at ferry landing ${i}`,
        statement: 'The harbour committee pledged money for a waiting room.',
        language: 'en',
        status: 'proposed',
        citations: [
          { sourceId: id, role: 'origin', quote: `pledged ${i + 1} thousand euros for a new waiting room` },
        ],
      }),
    });
    if (res.status !== 201) throw new Error(`item for source ${i}: ${res.status} ${await res.text()}`);
  }
}

async function main(): Promise<void> {
  const { url, stop } = await benchDatabase('pledgewatch_rechecks');
  await runMigrations(url);
  const web = await pageServer();
  const db = new Client({ connectionString: url });
  await db.connect();
  const child = fork(join(__dirname, 'serve-app.js'), [url], {
    env: {
      ...process.env,
      BENCH_ADMIN_KEY: ADMIN_KEY,
      BENCH_CONFIG: JSON.stringify({
        SCHEDULER_ENABLED: 'true',
        RECHECK_POLL_MS: '200',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        ...(CONCURRENCY ? { RECHECK_CONCURRENCY: CONCURRENCY } : {}),
      }),
    },
  });
  try {
    const port = await new Promise<number>((ok, fail) => {
      child.once('message', (m: { port: number }) => ok(m.port));
      child.once('exit', (code) => fail(new Error(`serve-app.js exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const ids = await seed(db, web.base);
    await citeChanged(base, ids);

    let stopIdle = false;
    const idleProbe = probe(base, () => stopIdle);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stopIdle = true;
    const idle = await idleProbe;

    const loadBefore = loadavg()[0];
    await db.query(`UPDATE sources SET next_check_at = now() - interval '1 minute'`);
    const started = performance.now();
    let finished = false;
    const busy = probe(base, () => finished);
    let done = 0;
    let lastProgress = performance.now();
    while (done < N && performance.now() - lastProgress < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = Number(
        (await db.query(`SELECT count(*) AS n FROM sources WHERE checked_at IS NOT NULL`)).rows[0].n,
      );
      if (now > done) lastProgress = performance.now();
      done = now;
    }
    const seconds = (performance.now() - started) / 1000;
    finished = true;
    const during = await busy;
    const statuses = (
      await db.query(`SELECT live_status AS s, count(*)::int AS n FROM sources GROUP BY 1 ORDER BY 1`)
    ).rows as { s: string | null; n: number }[];
    const events = Number(
      (await db.query(`SELECT count(*) AS n FROM events WHERE type = 'item.source_changed'`)).rows[0].n,
    );
    console.log(
      `recheck of ${N} sources (RECHECK_CONCURRENCY ${CONCURRENCY ?? 'default'}): ${done} done in ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(1)} sources/s; ` +
        `${statuses.map((r) => `${r.s ?? 'unchecked'} ${r.n}`).join(', ')}; ${events} item.source_changed events (${CITED} cited passages left)`,
    );
    console.log(
      `/health/live during: p50 ${quantile(during, 0.5).toFixed(1)} ms, p99 ${quantile(during, 0.99).toFixed(1)} ms, ` +
        `max ${during[during.length - 1].toFixed(1)} ms (${during.length} probes); idle p99 ${quantile(idle, 0.99).toFixed(1)} ms: ` +
        `×${(quantile(during, 0.99) / quantile(idle, 0.99)).toFixed(1)}. Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after.`,
    );
  } finally {
    child.kill('SIGTERM');
    await db.end();
    web.close();
    await stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
