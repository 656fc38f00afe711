import { Client } from 'pg';
import { ListItemsQuery } from '../../src/items/dto/list-items.query';
import { ListHints, listSql } from '../../src/items/items.query';
import { ITEM_DETAIL_SQL } from '../../src/items/item-detail.query';
import { similarLookup, STAGE_LIMIT } from '../../src/items/similarity/queries';
import { contentWords } from '../../src/items/similarity/traits';
import { lexemeStats, SearchLexemeStatsRow } from '../../src/items/similarity/word-rarity';
import { SEARCH_LEXEME_STATS } from '../../src/items/item-lists.repository';
import { AMOUNTS, AMOUNTS_BY_PERIOD } from '../../src/stats/amounts.queries';
import {
  FOLLOW_UP_COUNTS,
  STATUS_COUNTS,
  STATUS_COUNTS_AS_OF,
  STATUS_COUNTS_AS_OF_DELTAS,
  STATUS_COUNTS_LIVE,
} from '../../src/stats/stats.queries';

const TODAY = new Date().toISOString().slice(0, 10);

const list = (fields: Partial<ListItemsQuery>, hints: ListHints = {}) =>
  listSql(Object.assign(new ListItemsQuery(), { limit: 50 }, fields), hints);

/** EXPLAIN ANALYZE of every hot query, with the same SQL the service runs; flags sequential scans. */
export async function explainHotQueries(
  db: Client,
  context: { cursor: string; pick: () => string },
): Promise<string> {
  // The look-alike lookups ask the index for the rarer words, as the service does.
  const stats = lexemeStats((await db.query<SearchLexemeStatsRow>(SEARCH_LEXEME_STATS)).rows[0]);
  const queries: [string, { sql: string; values: unknown[] }][] = [
    [
      'GET /v1/items/:id (one round trip: the row and its details)',
      { sql: ITEM_DETAIL_SQL, values: [context.pick()] },
    ],
    ['list page 1 (kind=commitment)', list({ kind: 'commitment' })],
    ['list page 1,000 (kind=commitment, cursor)', list({ kind: 'commitment', cursor: context.cursor })],
    ['list sort=dueAt', list({ sort: 'dueAt' })],
    ['list tag=jatec&dueBefore=2022-01-01', list({ tag: 'jatec', dueBefore: '2022-01-01' })],
    [
      'list status=broken&asOf=2023-01-01 (few: nearest-first walk of the intervals by creation)',
      list({ status: 'broken', asOf: new Date('2023-01-01T00:00:00Z') }),
    ],
    [
      'list status=proposed&asOf=2023-01-01 (many: nearest-first walk of the intervals by creation)',
      list({ status: 'proposed', asOf: new Date('2023-01-01T00:00:00Z') }),
    ],
    ['list staleDays=365', list({ staleDays: 365 })],
    ['q=ammunition factory', list({ q: 'ammunition factory' })],
    ['q=milliards (broad: counted to RANKED_HITS, then newest first)', list({ q: 'milliards' })],
    [
      'GET /v1/items/similar?text= (the whole lookup: stages and candidates, one statement)',
      similarLookup({
        title: 'Allies pledge ammunition factory drones',
        statement: 'Allies pledge ammunition factory drones',
        amounts: [],
        words: contentWords('Allies pledge ammunition factory drones'),
        kind: null,
        excludeId: null,
        limit: STAGE_LIMIT,
        stats,
      }),
    ],
    [
      'POST /v1/items duplicate hints (the whole lookup)',
      similarLookup({
        title: 'Bench pledge of drones',
        statement: 'A pledge logged by the benchmark.',
        amounts: [{ value: '40000000000', currency: 'EUR' }],
        words: contentWords('Bench pledge of drones A pledge logged by the benchmark.', 'en'),
        kind: 'commitment',
        excludeId: null,
        limit: STAGE_LIMIT,
        stats,
      }),
    ],
    ['stats/status (live counters)', { sql: STATUS_COUNTS_LIVE, values: [null] }],
    [
      'stats/status?tag=… (counted from items, as without counters)',
      { sql: STATUS_COUNTS, values: [null, null, null] },
    ],
    ['stats/status?kind=claim&tag=cyber', { sql: STATUS_COUNTS, values: ['claim', 'cyber', null] }],
    [
      'stats/status?asOf=2023-01-01T12:00:00Z (day deltas)',
      { sql: STATUS_COUNTS_AS_OF_DELTAS, values: ['2023-01-01T12:00:00Z', null] },
    ],
    [
      'stats/status?asOf=2023-01-01&tag=cyber (from the intervals)',
      { sql: STATUS_COUNTS_AS_OF, values: [null, 'cyber', null, '2023-01-01T00:00:00Z'] },
    ],
    ['stats/amounts?currency=EUR', { sql: AMOUNTS, values: ['all', 'EUR', TODAY] }],
    ['stats/amounts?groupBy=pledger', { sql: AMOUNTS, values: ['pledger', null, TODAY] }],
    ['stats/amounts?groupBy=period', { sql: AMOUNTS_BY_PERIOD, values: [null, null, TODAY] }],
    ['stats/follow-ups', { sql: FOLLOW_UP_COUNTS, values: [] }],
  ];
  const out: string[] = [];
  for (const [name, { sql, values }] of queries) {
    const plan: string[] = (
      await db.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, values)
    ).rows.map((r) => r['QUERY PLAN']);
    const seq = plan.filter((line) =>
      /Seq Scan on (items|updates|citations|status_periods|follow_ups|item_actors)\b/.test(line),
    );
    out.push(
      `### ${name}${seq.length ? `  — ${seq.length} sequential scan(s) on a big table` : ''}`,
      '```',
      ...plan,
      '```',
    );
  }
  return out.join('\n');
}
