import { conceptWords } from './traits';

/**
 * The SQL of the similar-pledge lookups. Each stage is one index seek or a LIMITed full-text
 * match; the candidates they return (at most a hundred or so) are then scored in memory
 * (score.ts). No stage searches by trigrams: at a million items that meant reading long posting
 * lists of common trigrams (0.1 s on titles, 1 s on statements); trigram similarity is computed
 * only on the candidates, as a score signal.
 */
/** Rows a stage returns (more when a lookup asks for more results): all of them are scored. */
export const STAGE_LIMIT = 20;

/** Items with the same amount and currency: $1 value, $2 currency, $3 limit (index items_amount_value). */
export const BY_AMOUNT_SQL = `SELECT id FROM items
  WHERE amount_value = $1::numeric AND amount_currency = $2 AND merged_into_id IS NULL
  LIMIT $3`;

/**
 * Items with the same title, case and accents aside (index items_title_folded): the plainest
 * duplicate, found in one seek. $1 title, $2 kind or NULL, $3 id to leave out or NULL, $4 limit.
 */
export const SAME_TITLE_SQL = `SELECT id FROM items
  WHERE pw_fold(title) = pw_fold($1) AND merged_into_id IS NULL
    AND ($2::text IS NULL OR kind = $2) AND ($3::uuid IS NULL OR id <> $3)
  LIMIT $4`;

/** What the in-memory scoring needs of each candidate: $1 ids, $2 title, $3 statement, $4 kind, $5 id to leave out. */
export const CANDIDATES_SQL = `SELECT i.id, i.kind, i.title, i.status, i.statement, i.language,
         i.amount_value::text AS "amountValue", i.amount_value_max::text AS "amountValueMax", i.amount_currency AS "amountCurrency",
         i.due_at::text AS "dueAt", i.due_precision AS "duePrecision",
         greatest(similarity(pw_fold(i.title), pw_fold($2)), similarity(pw_fold(i.statement), pw_fold($3)))::float8 AS trigram,
         ARRAY(SELECT n.name FROM item_actors ia JOIN actor_names n ON n.actor_id = ia.actor_id WHERE ia.item_id = i.id) AS "actorNames"
  FROM items i
  WHERE i.id = ANY($1::uuid[]) AND i.merged_into_id IS NULL
    AND ($4::text IS NULL OR i.kind = $4) AND ($5::uuid IS NULL OR i.id <> $5)`;

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
 */
export function fullTextQuery(
  words: Array<{ key: string; word: string; lang: 'fr' | 'en' }>,
  limit = STAGE_LIMIT,
): { sql: string; values: string[] } | null {
  const groups: string[] = [];
  const values: string[] = [];
  const param = (v: string) => {
    values.push(v);
    return `$${values.length}`;
  };
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w.key) || groups.length >= MAX_GROUPS) continue;
    seen.add(w.key);
    const concept = conceptWords(w.key);
    const terms = (lang: 'fr' | 'en', list: string[]) =>
      [...new Set(list.map(plain).filter((x) => x.length > 1))].join(' | ');
    const parts: string[] = [];
    if (concept) {
      for (const lang of ['en', 'fr'] as const) {
        const t = terms(lang, concept[lang]);
        if (t) parts.push(`to_tsquery('pg_catalog.${lang === 'en' ? 'english' : 'french'}', ${param(t)})`);
      }
    } else {
      const t = terms(w.lang, [w.word]);
      if (t) parts.push(`to_tsquery('pg_catalog.${w.lang === 'en' ? 'english' : 'french'}', ${param(t)})`);
    }
    if (parts.length) groups.push(`(${parts.join(' || ')})`);
  }
  if (groups.length < 2) return null;
  const count = groups.map((g) => `(search @@ ${g})::int`).join(' + ');
  return {
    sql: `SELECT id FROM (SELECT id, ${count} AS words FROM items
        WHERE merged_into_id IS NULL AND search @@ (${groups.join(' || ')}) LIMIT ${WORD_SCAN_LIMIT}) AS any_word
      WHERE words >= 2 ORDER BY words DESC, id LIMIT ${Math.trunc(limit)}`,
    values,
  };
}
