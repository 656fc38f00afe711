import { conceptWords } from './traits';
import { LexemeStats, PROBE_ROW_BUDGET, probeGroups } from './word-rarity';

/** Rows a stage returns (more when a lookup asks for more results): all of them are scored. */
export const STAGE_LIMIT = 20;

type Param = (value: unknown) => string;
export type Words = Array<{ key: string; word: string; lang: 'fr' | 'en' }>;

/** What a lookup compares and keeps out: texts, amounts, content words, kind, the item itself. */
export interface LookupInput {
  title: string;
  statement: string;
  amounts: Array<{ value: string; currency: string }>;
  words: Words;
  kind: string | null;
  excludeId: string | null;
  /** Rows each stage may return. */
  limit: number;
  /** How common each word is (word-rarity.ts): the full-text stage asks the index for the rarer words only. */
  stats?: LexemeStats | null;
}

/**
 * The similar-pledge lookup as one statement (one round trip: under load each costs milliseconds
 * of waiting). Candidates come from stages that are each an index seek or a bounded full-text
 * match, with a LIMIT: the same amount and currency (items_amount_value, up to three amounts), the
 * same title with case and accents folded (items_title_folded), and the words (fullTextQuery). The
 * statement returns what the in-memory scoring (score.ts) needs of each candidate. No stage
 * searches by trigrams: at a million items that meant reading long posting lists of common
 * trigrams (0.1 s on titles, 1 s on statements); trigram similarity is computed only on the
 * candidates, as a score signal.
 */
/** A row of the look-alike statement. */
export interface CandidateRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  statement: string;
  language: string;
  amountValue: string | null;
  amountValueMax: string | null;
  amountCurrency: string | null;
  dueAt: string | null;
  duePrecision: string | null;
  trigram: number;
  actorNames: string[];
}

export function similarLookup(q: LookupInput): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const param: Param = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const limit = Math.trunc(q.limit);
  const kind = param(q.kind);
  const excluded = param(q.excludeId);
  const keep = `merged_into_id IS NULL AND (${kind}::text IS NULL OR kind = ${kind})
      AND (${excluded}::uuid IS NULL OR id <> ${excluded})`;
  const title = param(q.title);
  const stages = q.amounts.slice(0, 3).map(
    (a) => `SELECT id FROM items
      WHERE amount_value = ${param(a.value)}::numeric AND amount_currency = ${param(a.currency)} AND ${keep}
      LIMIT ${limit}`,
  );
  stages.push(`SELECT id FROM items WHERE pw_fold(title) = pw_fold(${title}) AND ${keep} LIMIT ${limit}`);
  const words = wordStage(q.words, limit, param, keep, q.stats);
  if (words) stages.push(words);
  const statement = param(q.statement);
  return {
    sql: `SELECT ${candidateColumns(title, statement)}
  FROM items i
  WHERE i.id = ANY(ARRAY(${stages.map((st) => `(${st})`).join(' UNION ALL ')}))`,
    values,
  };
}

/** What the in-memory scoring needs of a candidate `i`, its trigram similarity to `title` and `statement` (SQL). */
export function candidateColumns(title: string, statement: string): string {
  return `i.id, i.kind, i.title, i.status, i.statement, i.language,
         i.amount_value::text AS "amountValue", i.amount_value_max::text AS "amountValueMax", i.amount_currency AS "amountCurrency",
         i.due_at::text AS "dueAt", i.due_precision AS "duePrecision",
         greatest(similarity(pw_fold(i.title), pw_fold(${title})), similarity(pw_fold(i.statement), pw_fold(${statement})))::float8 AS trigram,
         ARRAY(SELECT n.name FROM item_actors ia JOIN actor_names n ON n.actor_id = ia.actor_id WHERE ia.item_id = i.id) AS "actorNames"`;
}

const MAX_GROUPS = 6;
export const WORD_SCAN_LIMIT = 500;
const plain = (w: string) =>
  w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * Full-text stage: items whose search vector (stemmed in the item's own language) holds two of
 * the query's content words, each word asked in English and French (a concept's words in both
 * languages), so "military aid" finds "aide militaire". Two words keep a common word from matching
 * half the table; Postgres stems the words with the configuration of each language.
 *
 * "Two of the words" is written as any word (what the GIN index `items_search` can answer) and a
 * count of the words matched, not as every pair of words: the same rows, but each row tests each
 * word once instead of once per pair (1.7x less work when the plan scans, as it does for common
 * words at a million items). At most WORD_SCAN_LIMIT rows holding any of the words are examined,
 * so common words that seldom meet cannot make the scan run through the table: the work is bounded
 * whatever the words. Of those rows, the ones holding the most words are taken (then by id).
 * With `stats`, the rows examined are those holding one of the rarer words (`probeGroups`), found
 * through the index, at most PROBE_ROW_BUDGET of them: tens of rows instead of thousands read in
 * table order.
 */
export function fullTextQuery(
  words: Words,
  limit = STAGE_LIMIT,
  stats: LexemeStats | null = null,
): { sql: string; values: unknown[] } | null {
  const values: unknown[] = [];
  const param: Param = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const sql = wordStage(words, limit, param, undefined, stats);
  return sql ? { sql, values } : null;
}

/** A text search configuration's terms, joined with `|` for to_tsquery. */
export type GroupPart = { config: 'english' | 'french'; terms: string };

/**
 * The words' groups, at most MAX_GROUPS: one word's terms per text search configuration (a
 * concept's words in both languages).
 */
export function wordGroups(words: Words): GroupPart[][] {
  const found: GroupPart[][] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w.key) || found.length >= MAX_GROUPS) continue;
    seen.add(w.key);
    const concept = conceptWords(w.key);
    const lists = concept
      ? (['en', 'fr'] as const).map((lang) => ({ lang, list: concept[lang] }))
      : [{ lang: w.lang, list: [w.word] }];
    const parts = lists
      .map(({ lang, list }): GroupPart => ({
        config: lang === 'en' ? 'english' : 'french',
        terms: [...new Set(list.map(plain).filter((x) => x.length > 1))].join(' | '),
      }))
      .filter((part) => part.terms);
    if (parts.length) found.push(parts);
  }
  return found;
}

function wordStage(
  words: Words,
  limit: number,
  param: Param,
  keep = 'merged_into_id IS NULL',
  stats: LexemeStats | null = null,
): string | null {
  const found = wordGroups(words);
  if (found.length < 2) return null;
  const asked = new Set(probeGroups(found, stats, WORD_SCAN_LIMIT));
  const groups = found.map(
    (parts) =>
      `(${parts.map((p) => `to_tsquery('pg_catalog.${p.config}', ${param(p.terms)})`).join(' || ')})`,
  );
  const count = groups.map((g) => `(search @@ ${g})::int`).join(' + ');
  const probe = groups.filter((_, n) => asked.has(found[n]));
  // Asked for the rarer words, it examines no more rows than their estimate allowed, whatever
  // came in since the statistics were read (the bench's own creates repeat its words).
  const scan = probe.length < groups.length ? PROBE_ROW_BUDGET : WORD_SCAN_LIMIT;
  return `SELECT id FROM (SELECT id, ${count} AS words FROM items
        WHERE ${keep} AND search @@ (${probe.join(' || ')}) LIMIT ${scan}) AS any_word
      WHERE words >= 2 ORDER BY words DESC, id LIMIT ${Math.trunc(limit)}`;
}
