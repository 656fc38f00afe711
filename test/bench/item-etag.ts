import { Pool } from 'pg';
import { runMigrations } from '../../src/database/data-source';
import { LIVE_TAG_SQL } from '../../src/items/item-detail.query';
import { benchDatabase } from './bench-database';

/**
 * The item's conditional GET probe (issue #24): the statement that decides a 304, before (the
 * version by primary key) and after (the version and the stamp of the item's actors and
 * follow-ups). Both run alternately on the same items, each with 3 actors and 2 follow-ups; the
 * ratio after/before is the figure to compare, not the milliseconds of this machine.
 * `npm run build && node dist/test/bench/item-etag.js [items] [probes]`.
 */
const BEFORE = `SELECT version FROM items WHERE id = $1 AND merged_into_id IS NULL`;

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 20_000);
  const probes = Number(process.argv[3] ?? 20_000);
  const db = await benchDatabase('pledgewatch_bench_etag');
  await runMigrations(db.url);
  console.log(`migrated; loading ${items} items`);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  try {
    await load(pool, items);
    console.log('loaded; probing');
    const ids = (
      await pool.query<{ id: string }>(`SELECT id FROM items ORDER BY random() LIMIT 1000`)
    ).rows.map((r) => r.id);
    const time = async (sql: string) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < probes / 10; i++) await pool.query(sql, [ids[i % ids.length]]);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    let before = 0;
    let after = 0;
    await time(BEFORE); // warm both plans and caches
    await time(LIVE_TAG_SQL);
    for (let round = 0; round < 10; round++) {
      before += await time(BEFORE);
      after += await time(LIVE_TAG_SQL);
    }
    const plan = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${LIVE_TAG_SQL.replace('$1', `'${ids[0]}'`)}`,
    );
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    console.log(
      `${items} items, ${probes} probes each: before ${((before * 1000) / probes).toFixed(1)} µs, ` +
        `after ${((after * 1000) / probes).toFixed(1)} µs a probe; after/before ${(after / before).toFixed(2)}`,
    );
  } finally {
    await pool.end();
    await db.stop();
  }
}

/** Items with 3 actors and 2 follow-ups each, written in bulk (triggers kept on, as the API writes). */
async function load(pool: Pool, items: number): Promise<void> {
  await pool.query(
    `INSERT INTO actors (name, kind, created_by) SELECT 'Actor ' || g, 'organization', 'bench' FROM generate_series(1, 300) g`,
  );
  await pool.query(
    `INSERT INTO items (kind, title, statement, language, initial_status, initial_status_since, status, status_since, created_by, last_activity_at)
     SELECT 'commitment', 'Pledge ' || g, 'A pledge', 'en', 'proposed', now(), 'proposed', now(), 'bench', now()
       FROM generate_series(1, $1) g`,
    [items],
  );
  await pool.query(
    `INSERT INTO item_actors (item_id, actor_id, role)
     SELECT i.id, a.id, 'pledger'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM items) i
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM actors) a ON a.n IN (i.n % 300 + 1, (i.n + 100) % 300 + 1, (i.n + 200) % 300 + 1)`,
  );
  await pool.query(
    `INSERT INTO follow_ups (item_id, due_at, note, created_by)
     SELECT i.id, now() + make_interval(days => k), 'check', 'bench' FROM items i CROSS JOIN generate_series(1, 2) k`,
  );
  await pool.query(`ANALYZE`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
