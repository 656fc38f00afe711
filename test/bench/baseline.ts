import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { CreateItemDto } from '../../src/items/dto/item.dto';
import { newItemRow } from '../../src/items/item-create.query';
import { ItemsRepository } from '../../src/items/items.repository';
import { similarLookup, STAGE_LIMIT } from '../../src/items/similarity/queries';
import { LexemeStats, lexemeStats, SearchLexemeStatsRow } from '../../src/items/similarity/word-rarity';
import { SEARCH_LEXEME_STATS } from '../../src/items/item-lists.repository';
import { amountsIn, contentWords } from '../../src/items/similarity/traits';
import { StatusPeriodsRepository } from '../../src/items/status-periods.repository';
import { ListItemsQuery } from '../../src/items/dto/list-items.query';
import { listSql } from '../../src/items/items.query';
import { ITEM_DETAIL_SQL } from '../../src/items/item-detail.query';
import { AMOUNTS } from '../../src/stats/amounts.queries';
import { STATUS_COUNTS_AS_OF_DELTAS, STATUS_COUNTS_LIVE } from '../../src/stats/stats.queries';

/**
 * The raw baseline: node:http and pg running the same SQL as the service for get-by-id, a list
 * page, the two stats and a create, with no framework, validation, auth or view mapping. The ratio of
 * the service to this is what the framework and the code around the SQL cost.
 * Run as a child process: `node baseline.js <databaseUrl> <poolSize>`; it reports its port over IPC.
 */

const ACTORS_SQL = `SELECT ia.item_id, ia.actor_id, a.name, a.kind, ia.role FROM item_actors ia JOIN actors a ON a.id = ia.actor_id
   WHERE ia.item_id = ANY($1::uuid[]) ORDER BY ia.role, a.name`;

let wordStats: Promise<LexemeStats | null> | undefined;

/**
 * POST /items: the statements of the service's create, by plain pg — the cited source's text and
 * the look-alike lookup side by side, then one transaction: the source locked, the rows written
 * (the service's own statement), its first status interval with the item read back (one
 * statement). No DTO, quote search, scoring or view mapping.
 */
async function create(pool: Pool, body: CreateItemDto): Promise<[number, unknown]> {
  // The service reads how common the search words are once a minute; a bench run is shorter.
  wordStats ??= pool.query<SearchLexemeStatsRow>(SEARCH_LEXEME_STATS).then((r) => lexemeStats(r.rows[0]));
  const sourceIds = body.citations.map((c) => c.sourceId);
  const text = `${body.title}. ${body.statement}`;
  const lookup = similarLookup({
    title: body.title,
    statement: body.statement,
    amounts: amountsIn(text),
    words: contentWords(text, body.language),
    kind: body.kind,
    excludeId: null,
    limit: STAGE_LIMIT,
    stats: await wordStats,
  });
  const [, hints] = await Promise.all([
    pool.query(`SELECT id, text, content_hash FROM sources WHERE id = ANY($1::uuid[])`, [sourceIds]),
    pool.query(lookup.sql, lookup.values),
  ]);
  const client = await pool.connect();
  // The repositories' own statements, run on this client.
  const on = {
    query: async (sql: string, values: unknown[]) => (await client.query(sql, values)).rows,
  } as unknown as EntityManager;
  try {
    await client.query('BEGIN');
    const sources = await client.query<{ published_at: Date | null }>(
      `SELECT id, content_hash, published_at FROM sources WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [sourceIds],
    );
    const id = randomUUID();
    const since = sources.rows[0]?.published_at ?? new Date();
    const items = new ItemsRepository();
    await items.insertNew(on, [
      {
        row: newItemRow(id, body, 'proposed', since, 'baseline'),
        parts: {
          actors: [],
          citations: body.citations.map((c) => ({ ...c, selectors: null })),
          auditChange: { ...body },
          event: { itemId: id, kind: body.kind, title: body.title, status: 'proposed' },
        },
      },
    ]);
    const detail = await new StatusPeriodsRepository().insertFirstAndRead(on, {
      itemId: id,
      status: 'proposed',
      from: since,
      to: null,
    });
    await client.query('COMMIT');
    return [201, { ...detail, possibleDuplicates: hints.rows.length }];
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function readJson(req: IncomingMessage): Promise<CreateItemDto> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as CreateItemDto;
}

async function handle(pool: Pool, req: IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/items') return create(pool, await readJson(req));
  const item = /^\/items\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (item) {
    // One round trip, as the service reads an item.
    const [row] = (await pool.query(ITEM_DETAIL_SQL, [item[1]])).rows;
    return row ? [200, row] : [404, { error: 'not found' }];
  }
  if (url.pathname === '/items') {
    // The DTO hands the list a parsed asOf, as the service's ValidationPipe does.
    const asOf = url.searchParams.get('asOf');
    const query = Object.assign(new ListItemsQuery(), Object.fromEntries(url.searchParams), {
      limit: Number(url.searchParams.get('limit') ?? 50),
      asOf: asOf === null ? undefined : new Date(asOf),
    });
    const { sql, values } = listSql(query);
    const rows = (await pool.query(sql, values)).rows;
    const page = rows.slice(0, query.limit);
    const actors = (await pool.query(ACTORS_SQL, [page.map((r) => r.id)])).rows;
    return [
      200,
      {
        data: page.map((r) => ({ ...r, actors: actors.filter((a) => a.item_id === r.id) })),
        nextCursor: rows.length > query.limit ? 'next' : null,
      },
    ];
  }
  const asOf = url.searchParams.get('asOf');
  if (url.pathname === '/stats/status' && asOf)
    return [200, (await pool.query(STATUS_COUNTS_AS_OF_DELTAS, [asOf, null])).rows];
  if (url.pathname === '/stats/status') return [200, (await pool.query(STATUS_COUNTS_LIVE, [null])).rows];
  if (url.pathname === '/stats/amounts')
    return [
      200,
      (
        await pool.query(AMOUNTS, [
          'all',
          url.searchParams.get('currency'),
          new Date().toISOString().slice(0, 10),
        ])
      ).rows,
    ];
  return [404, { error: 'no route' }];
}

function main(): void {
  const pool = new Pool({ connectionString: process.argv[2], max: Number(process.argv[3] ?? 10) });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(pool, req).then(
      ([status, body]) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
}

if (require.main === module) main();
