import autocannon from 'autocannon';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { explainHotQueries } from './explain';
import { generate } from './generate';
import { optionalRoutes } from './optional-routes';
import { scenarios } from './scenarios';
import { SERVICE_NODE_FLAGS } from './service-process';
import { Measured, RunFigures, summaryTable } from './summary';

/**
 * `npm run bench [-- --items 1000000 --duration 5 --connections 10]`: loads N items, starts the
 * service and a raw node:http + pg baseline side by side (each in its own process), drives both
 * with autocannon on loopback, measures a full export, and prints EXPLAIN of the hot queries.
 * Uses DATABASE_URL when set (a database `pledgewatch_bench` is created on it), else an
 * embedded PostgreSQL in a temporary directory. With DATABASE_URL, `--reuse` keeps an existing
 * `pledgewatch_bench` (or `--database NAME`) that already holds at least --items items and skips
 * the load: for measuring again without a 10-minute COPY (the figures of a full run include it).
 */

const ADMIN_KEY = `bench-admin-${randomUUID()}`;
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ITEMS = option('items', 100_000);
const DURATION = option('duration', 5);
const CONNECTIONS = option('connections', 10);
const REUSE = args.includes('--reuse') && !!process.env.DATABASE_URL;
const at = args.indexOf('--database');
const DATABASE = at >= 0 ? args[at + 1] : 'pledgewatch_bench';
const only = args.indexOf('--only');
/** `--only a,b`: just the scenarios whose names contain one of these (no export, candidates or EXPLAIN). */
const ONLY = only >= 0 ? args[only + 1].split(',') : null;
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  log(
    `# Pledgewatch benchmark — ${ITEMS.toLocaleString('en')} items, ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, node ${process.version}`,
  );
  const started = Date.now();
  const figures: RunFigures = { items: ITEMS, http: [] };
  const { url, stop } = await benchDatabase(
    DATABASE,
    [
      '-c',
      'shared_buffers=1GB',
      '-c',
      'work_mem=32MB',
      '-c',
      'maintenance_work_mem=512MB',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'effective_cache_size=8GB',
    ],
    { reuse: REUSE },
  );
  const children: ChildProcess[] = [];
  try {
    await runMigrations(url);
    if (REUSE && (await itemCount(url)) >= ITEMS)
      log(`## Load: reusing ${DATABASE} (${await itemCount(url)} items)`);
    else {
      log(`## Load (COPY)`);
      const loaded = await generate(url, ITEMS, log);
      log(`  rows: ${JSON.stringify(loaded.rows)}`);
      log(
        `  COPY ${loaded.copySeconds.toFixed(1)} s; indexes + VACUUM ANALYZE ${loaded.indexSeconds.toFixed(1)} s`,
      );
    }

    const [app, baseline] = await Promise.all([
      start('serve-app.js', [url], children, SERVICE_NODE_FLAGS),
      start('baseline.js', [url, '10'], children),
    ]);
    const appUrl = `http://127.0.0.1:${app.port}`;
    const baseUrl = `http://127.0.0.1:${baseline.port}`;
    const db = new Client({ connectionString: url });
    db.on('error', () => undefined); // the database stops at the end of the run
    await db.connect();
    const ids: string[] = (await db.query(`SELECT id FROM items TABLESAMPLE SYSTEM (1) LIMIT 2000`)).rows.map(
      (r) => r.id,
    );
    const sourceId: string = (await db.query(`SELECT id FROM sources LIMIT 1`)).rows[0].id;
    const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
    const listQuery = 'kind=commitment&limit=50';
    const commitments: number = (
      await db.query(`SELECT count(*)::int AS n FROM items WHERE kind = 'commitment'`)
    ).rows[0].n;
    const deepPage = Math.min(1000, Math.floor(commitments / 50));
    // Following 1,000 pages takes a while on a loaded machine: only when a deep page is measured.
    const deep = !ONLY || ONLY.some((o) => 'list page'.startsWith(o) || o.startsWith('list page'));
    const cursor = deep ? await cursorOfPage(appUrl, auth, listQuery, deepPage) : '';
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    // Before the ETags: loading rates and a source are writes, which move the change counter.
    const has = await optionalRoutes(appUrl, auth);
    const context = {
      pick,
      listQuery,
      deepPage,
      cursor,
      sourceId,
      etags: {
        status: await etagOf(`${appUrl}/v1/stats/status`, auth),
        amounts: await etagOf(`${appUrl}/v1/stats/amounts?currency=EUR`, auth),
      },
      has,
    };
    log(`## HTTP (autocannon, ${CONNECTIONS} connections, ${DURATION} s each, loopback)`);
    for (const s of scenarios(context).filter((s) => !ONLY || ONLY.some((o) => s.name.includes(o)))) {
      const { path, ...rest } = s.app;
      const connections = s.connections ?? CONNECTIONS;
      const own = await cannon({ ...rest, url: appUrl + (path ?? ''), headers: auth, connections });
      const base = s.baseline ? await cannon(baselineOptions(baseUrl, s.baseline, pick, s.app)) : undefined;
      figures.http.push({ name: s.name, ...own, baseline: base });
      log(
        `  ${s.name}: ${own.rps.toFixed(0)} req/s, p50 ${own.p50} ms` +
          (base ? ` (baseline ${base.rps.toFixed(0)} req/s)` : ''),
      );
    }
    printTable(figures.http);
    if (ONLY) return await db.end(); // an open client would keep this process alive
    // Once the quote-check worker threads of the creates above have retired (30 s idle).
    await new Promise((ok) => setTimeout(ok, 35_000));
    figures.export = await measureExport(appUrl, auth, app.child.pid!);
    // Last: the extraction keeps worker threads busy, which would weigh on the runs above.
    const candidates = has.candidatesOf ? await timeCandidates(appUrl, auth, has.candidatesOf) : null;
    if (candidates) figures.http.push(candidates);
    log(`## EXPLAIN (ANALYZE) of the hot queries`);
    log(await explainHotQueries(db, { cursor, pick }));
    await db.end();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await stop();
  }
  if (!args.includes('--no-reminders')) figures.reminders = await runReminders();
  log(`\n${summaryTable(figures)}`);
  log(`  (whole run: ${((Date.now() - started) / 60_000).toFixed(1)} min)`);
}

/** The reminders bench (its own database and worker processes); its figures come back through a file. */
async function runReminders(): Promise<RunFigures['reminders']> {
  const file = join(tmpdir(), `pledgewatch-reminders-${process.pid}.json`);
  // spawn, not fork: an IPC channel would keep the child alive after its work.
  const child = spawn(process.execPath, [join(__dirname, 'reminders.js'), '--result', file], {
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((ok) => child.once('exit', ok));
  if (code !== 0) return undefined;
  const result = JSON.parse(readFileSync(file, 'utf8')) as RunFigures['reminders'];
  rmSync(file, { force: true });
  return result;
}

/** One client asking for a 20,000-character source's candidates 10 times in a row: wall times per request. */
async function timeCandidates(
  appUrl: string,
  headers: Record<string, string>,
  sourceId: string,
): Promise<Measured> {
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const res = await fetch(`${appUrl}/v1/sources/${sourceId}/candidates`, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) failed++;
  }
  times.sort((a, b) => a - b);
  const name = 'candidates (20,000 characters, 1 client)';
  const p50 = Math.round(times[4]);
  log(`  ${name}: p50 ${p50} ms, slowest ${Math.round(times[9])} ms`);
  return { name, rps: 1000 / p50, p50, p99: Math.round(times[9]), non2xx: failed };
}

async function itemCount(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM items`)).rows[0].n;
  } finally {
    await client.end();
  }
}

async function etagOf(url: string, headers: Record<string, string>): Promise<string> {
  return (await fetch(url, { headers })).headers.get('etag') ?? '';
}

async function start(
  script: string,
  argv: string[],
  children: ChildProcess[],
  execArgv: string[] = [],
): Promise<{ port: number; child: ChildProcess }> {
  const child = fork(join(__dirname, script), argv, {
    env: { ...process.env, BENCH_ADMIN_KEY: ADMIN_KEY },
    execArgv,
  });
  children.push(child);
  const port = await new Promise<number>((ok, fail) => {
    child.once('message', (m: { port: number }) => ok(m.port));
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  return { port, child };
}

function baselineOptions(
  baseUrl: string,
  path: string,
  pick: () => string,
  app: Partial<autocannon.Options>,
): autocannon.Options {
  // The same body the service gets.
  if (path.startsWith('POST '))
    return {
      url: baseUrl + path.slice(5),
      method: 'POST',
      body: app.body,
      headers: { 'content-type': 'application/json' },
    };
  if (path === '/items/:id')
    return { url: baseUrl, requests: [{ setupRequest: (r) => ({ ...r, path: `/items/${pick()}` }) }] };
  return { url: baseUrl + path };
}

async function cannon(
  options: autocannon.Options,
): Promise<{ rps: number; p50: number; p99: number; non2xx: number }> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
  // A 304 is the answer a conditional GET asks for, not a failure.
  const notModified = result.statusCodeStats?.['304']?.count ?? 0;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx - notModified + result.errors,
  };
}

/** Follows nextCursor from page 1 to the given page, as a client would. */
async function cursorOfPage(
  appUrl: string,
  headers: Record<string, string>,
  query: string,
  page: number,
): Promise<string> {
  let cursor = '';
  for (let i = 1; i < page; i++) {
    const res = await fetch(`${appUrl}/v1/items?${query}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
    const body = (await res.json()) as { nextCursor: string | null };
    if (!body.nextCursor) throw new Error(`the list ends before page ${page}`);
    cursor = body.nextCursor;
  }
  return cursor;
}

function printTable(results: Measured[]): void {
  log('\n| endpoint | req/s | p50 ms | p99 ms | non-2xx | baseline req/s | baseline p50 | ratio |');
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const ratio = r.baseline && r.baseline.rps > 0 ? `${((100 * r.rps) / r.baseline.rps).toFixed(0)} %` : '—';
    log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.baseline ? r.baseline.rps.toFixed(0) : '—'} | ${r.baseline ? r.baseline.p50 : '—'} | ${ratio} |`,
    );
  }
  const [p1, p1000] = [results[1], results[2]];
  if (!p1?.name.startsWith('list page 1 ') || !p1000) return;
  log(
    `\n${p1000.name} p50 / page 1 p50 = ${(p1000.p50 / Math.max(p1.p50, 1)).toFixed(2)}; req/s ratio page 1 / deep page = ${(p1.rps / p1000.rps).toFixed(2)}\n`,
  );
}

/** Downloads the whole CSV export, sampling the service process's resident memory every 50 ms. */
async function measureExport(
  appUrl: string,
  headers: Record<string, string>,
  pid: number,
): Promise<RunFigures['export']> {
  const rss = () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
  const started = Date.now();
  const { bytes, lines } = await new Promise<{ bytes: number; lines: number }>((ok, fail) => {
    get(`${appUrl}/v1/items/export?format=csv`, { headers }, (res) => {
      if (res.statusCode !== 200) log(`  export answered ${res.statusCode}`);
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => ok({ bytes, lines }));
      res.on('error', fail);
    }).on('error', fail);
  });
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  log(`## Export`);
  log(
    `  GET /v1/items/export?format=csv: ${lines.toLocaleString('en')} lines (header + items, multi-line cells count extra), ${(bytes / 2 ** 20).toFixed(0)} MB in ${seconds.toFixed(1)} s`,
  );
  log(`  service RSS: ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB during the export\n`);
  return { beforeMb: before, peakMb: peak, seconds };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
