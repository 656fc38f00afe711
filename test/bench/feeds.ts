import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { generate } from './generate';

/**
 * `npm run build && node dist/test/bench/feeds.js [-- --items 100000 --follow-ups 5000]`: what a
 * calendar app or feed reader polling a feed costs. Loads N items (the benchmark generator), an
 * item.created event per item and an item.status_changed event per status update, and F open
 * follow-ups for one assignee; then times, through Fastify's inject (server work only, no
 * network), the full .ics, the .atom first and a deep page, and each answered 304 with
 * If-None-Match, and how long /health/live takes while a full .ics is being built. Prints medians. DATABASE_URL's server when set, else an embedded PostgreSQL.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ITEMS = option('items', 100_000);
const FOLLOW_UPS = option('follow-ups', 5000);
const KEY = 'bench-admin-key-0123456789abcdefghijklmnop';

async function main(): Promise<void> {
  const db = await benchDatabase('pledgewatch_bench_feeds');
  try {
    await runMigrations(db.url);
    await generate(db.url, ITEMS, () => undefined);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO events (type, data, dispatched_at)
      SELECT 'item.created', jsonb_build_object('itemId', id, 'kind', kind, 'title', title, 'status', initial_status), now()
        FROM items ORDER BY created_at`);
    await client.query(`INSERT INTO events (type, data, dispatched_at)
      SELECT 'item.status_changed', jsonb_build_object('itemId', item_id, 'from', 'proposed', 'to', status,
             'since', effective_at, 'cause', 'update', 'updateId', id), now()
        FROM updates WHERE status IS NOT NULL ORDER BY recorded_at`);
    await client.query(
      `INSERT INTO follow_ups (item_id, due_at, note, assignee, created_by)
       SELECT id, now() + n * interval '1 hour', 'Check delivery ' || n, 'bench-desk', 'bench'
         FROM (SELECT id, row_number() OVER () AS n FROM items LIMIT $1) i`,
      [FOLLOW_UPS],
    );
    await client.query('ANALYZE');
    const [{ events }] = (await client.query(`SELECT count(*)::int AS events FROM events`)).rows;
    await client.end();

    const app = await createApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        ADMIN_API_KEY: KEY,
        SCHEDULER_ENABLED: 'false',
        RATE_LIMIT_PER_MINUTE: '1000000',
      }),
      db.url,
    );
    try {
      const create = async (body: object) =>
        JSON.parse(
          (
            await app.inject({
              method: 'POST',
              url: '/v1/feeds',
              headers: { authorization: `Bearer ${KEY}` },
              payload: body,
            })
          ).body,
        ) as { token: string };
      const calendar = await create({ kind: 'follow-ups', assignee: 'bench-desk' });
      const changes = await create({ kind: 'changes' });
      const get = (url: string, etag?: string) =>
        app.inject({ method: 'GET', url, headers: etag ? { 'if-none-match': etag } : {} });
      const time = async (label: string, url: string, runs: number, conditional: boolean) => {
        const startedFirst = performance.now();
        const first = await get(url);
        const firstMs = performance.now() - startedFirst;
        const etag = String(first.headers.etag);
        const took: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          const res = await get(url, conditional ? etag : undefined);
          took.push(performance.now() - started);
          if (res.statusCode !== (conditional ? 304 : 200)) throw new Error(`${label}: ${res.statusCode}`);
        }
        took.sort((a, b) => a - b);
        const median = took[Math.floor(runs / 2)];
        console.log(
          `| ${label} | ${conditional ? 304 : 200} | ${conditional ? '' : `${firstMs.toFixed(1)} ms`} | ${median.toFixed(1)} ms | ${conditional ? 0 : first.body.length.toLocaleString('en')} |`,
        );
        return first;
      };
      console.log(
        `# Feeds benchmark — ${ITEMS.toLocaleString('en')} items, ${events.toLocaleString('en')} item events, ${FOLLOW_UPS.toLocaleString('en')} follow-ups in one calendar`,
      );
      // First: the document built; median: the same URL again, served from the per-ETag cache (200) or 304.
      console.log(
        '| request | status | first (built) | median of repeats | bytes |\n| --- | --- | --- | --- | --- |',
      );
      await time('.ics, every follow-up', `/feeds/${calendar.token}.ics`, 10, false);
      await time('.ics, If-None-Match', `/feeds/${calendar.token}.ics`, 50, true);
      // While a full calendar is built (on a worker thread), other requests are answered at once.
      // (A second feed with the same filter: its own ETag, so nothing is served from the cache.)
      const another = await create({ kind: 'follow-ups', assignee: 'bench-desk' });
      const building = get(`/feeds/${another.token}.ics`);
      let slowest = 0;
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await app.inject({ method: 'GET', url: '/health/live' });
        slowest = Math.max(slowest, performance.now() - started);
      }
      await building;
      console.log(
        `| /health/live during a full .ics build (slowest of 20) | 200 | | ${slowest.toFixed(1)} ms | |`,
      );
      const page = await time('.atom, first page', `/feeds/${changes.token}.atom`, 20, false);
      await time('.atom, If-None-Match', `/feeds/${changes.token}.atom`, 50, true);
      let next = /rel="next"[^>]*href="[^"]*(\/feeds\/[^"]+)"/.exec(page.body)?.[1];
      for (let i = 0; i < 20 && next; i++) {
        const body = (await get(next.replace(/&amp;/g, '&'))).body;
        next = /rel="next"[^>]*href="[^"]*(\/feeds\/[^"]+)"/.exec(body)?.[1];
      }
      if (next) await time('.atom, page 22', next, 20, false);
    } finally {
      await app.close();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
