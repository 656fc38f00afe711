import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { TestApp } from '../helpers/app';
import { atomProblem, calendarProblem } from './feed-oracle';
import { operationsOf } from './openapi';
import { FuzzRequest, IdPool, requestArb } from './requests';

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  timeLimitMs: number;
  /**
   * After every write: a rejected one left the tables unchanged, an accepted one added an audit
   * entry (one checksum query each).
   */
  checkRejectedWrites?: boolean;
  onProgress?: (stats: FuzzStats) => void;
  /** Feed paths (`/feeds/<token>.ics|.atom`) to check; feeds the run creates are added. */
  feeds?: string[];
  /** After every this many requests, and at the end: every feed well-formed (default 250). */
  oracleEvery?: number;
}

export interface FuzzFailure {
  /** The request that failed, or for a feed found ill-formed the feed and the request after which it was. */
  request: FuzzRequest | { feed: string; after: number };
  status: number;
  problem: string;
}

export interface FuzzStats {
  requests: number;
  byStatus: Record<number, number>;
  byRoute: Record<string, number>;
  failures: FuzzFailure[];
}

/** Row count and content hash of every table: equal checksums mean nothing was written. */
export async function tablesChecksum(db: DataSource): Promise<string> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS t, count(*) AS n, md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM "${name}" x`,
  );
  const rows: { t: string; n: string; h: string }[] = await db.query(parts.join(' UNION ALL '));
  return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('\n');
}

/** The audit_log row count inside a checksum. */
function auditRows(checksum: string): number {
  return Number(/^audit_log:(\d+):/m.exec(checksum)?.[1] ?? 0);
}

/** Ids of every table with a uuid `id` (API keys left out: the fuzzer must not revoke its own keys). */
export async function loadIdPool(db: DataSource): Promise<IdPool> {
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' AND table_name <> 'api_keys'`,
  );
  const pool: IdPool = {};
  for (const { name } of tables)
    pool[name] = (await db.query(`SELECT id FROM "${name}" LIMIT 20`)).map((r: { id: string }) => r.id);
  return pool;
}

const LEAKS =
  /\n\s+at \S|node_modules|QueryFailedError|syntax error at or near|violates .* constraint|TypeORM/;

/** What must hold for any response: the reason it does not, or null. */
function violation(status: number, contentType: string, text: string): string | null {
  if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
  if (LEAKS.test(text) && status >= 400) return `internals leaked: ${text.slice(0, 300)}`;
  if (status < 400) return null;
  if (!contentType.startsWith('application/problem+json'))
    return `${status} without problem+json (${contentType})`;
  try {
    const body = JSON.parse(text);
    if (body.status !== status || typeof body.requestId !== 'string' || typeof body.title !== 'string')
      return `incomplete problem: ${text.slice(0, 200)}`;
  } catch {
    return `unparsable problem: ${text.slice(0, 200)}`;
  }
  return null;
}

/** Failures are printed: keep huge generated strings readable. */
function clip(req: FuzzRequest): FuzzRequest {
  return { ...req, url: req.url.slice(0, 300), body: req.body?.slice(0, 300) };
}

/** The newest feeds the run created, and the given ones: each fetched and checked by the oracle. */
const FEEDS_CHECKED = 20;

/** Fetches each feed and checks it is well-formed (Atom: XML; calendars: RFC 5545 lines, our events only). */
async function checkFeeds(t: TestApp, feeds: string[], stats: FuzzStats): Promise<void> {
  for (const feed of feeds) {
    const res = await t.app.inject({ method: 'GET', url: feed });
    if (res.statusCode !== 200) continue;
    const problem = feed.endsWith('.atom') ? atomProblem(res.body) : calendarProblem(res.body);
    if (problem) stats.failures.push({ request: { feed, after: stats.requests }, status: 200, problem });
  }
}

/** The feed a 201 of POST /v1/feeds created, as a path. */
function createdFeed(req: FuzzRequest, status: number, body: string): string | null {
  if (req.operation !== 'POST /v1/feeds' || status !== 201) return null;
  const { feedUrl } = JSON.parse(body) as { feedUrl?: string | null };
  return feedUrl ? new URL(feedUrl).pathname : null;
}

/**
 * Sends generated requests to every operation of the app's own OpenAPI document, one at a time.
 * Collects failures instead of stopping at the first, so a long run can report how many there were.
 */
export async function runFuzz(t: TestApp, options: FuzzOptions): Promise<FuzzStats> {
  const operations = operationsOf((await t.get('/openapi.json')).body);
  const pool = await loadIdPool(t.db);
  const stats: FuzzStats = { requests: 0, byStatus: {}, byRoute: {}, failures: [] };
  let baseline = await tablesChecksum(t.db);
  const given = options.feeds ?? [];
  const created: string[] = [];
  const feeds = () => [...given, ...created.slice(-FEEDS_CHECKED)];
  const oracleEvery = options.oracleEvery ?? 250;
  const arb = fc.constantFrom(...operations).chain((op) => requestArb(op, pool, t.keys));
  const property = fc.asyncProperty(arb, async (req) => {
    const res = await t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers: req.headers,
      payload: req.body,
    });
    stats.requests++;
    stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
    const route = `${req.operation} ${res.statusCode}`;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    const problem = violation(res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
    if (problem) stats.failures.push({ request: clip(req), status: res.statusCode, problem });
    const feed = createdFeed(req, res.statusCode, res.body);
    if (feed) created.push(feed);
    if (req.method !== 'GET' && options.checkRejectedWrites !== false) {
      const now = await tablesChecksum(t.db);
      if (res.statusCode >= 400 && now !== baseline) {
        stats.failures.push({
          request: clip(req),
          status: res.statusCode,
          problem: 'a rejected request changed the database',
        });
      }
      const replayed = res.headers['idempotent-replayed'] === 'true';
      if (res.statusCode < 300 && !replayed && auditRows(now) <= auditRows(baseline)) {
        stats.failures.push({
          request: clip(req),
          status: res.statusCode,
          problem: 'a write left no audit entry',
        });
      }
      baseline = now;
    }
    if (stats.requests % oracleEvery === 0) await checkFeeds(t, feeds(), stats);
    if (stats.requests % 1000 === 0) options.onProgress?.(stats);
    return true;
  });
  await fc.assert(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
  });
  await checkFeeds(t, feeds(), stats);
  return stats;
}
