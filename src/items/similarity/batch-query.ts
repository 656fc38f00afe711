import {
  candidateColumns,
  CandidateRow,
  GroupPart,
  LookupInput,
  WORD_SCAN_LIMIT,
  wordGroups,
} from './queries';

/** A row of the batched look-alike statement: which probe (0-based) it is a candidate of. */
export type BatchCandidateRow = CandidateRow & { probe: number };

const termsOf = (parts: GroupPart[], config: GroupPart['config']) =>
  parts.find((p) => p.config === config)?.terms ?? null;

/** A tsquery from English and French terms (SQL over two text expressions; NULL when both are). */
const tsquery = (en: string, fr: string) =>
  `CASE WHEN ${en} IS NULL THEN to_tsquery('pg_catalog.french', ${fr})
        WHEN ${fr} IS NULL THEN to_tsquery('pg_catalog.english', ${en})
        ELSE to_tsquery('pg_catalog.english', ${en}) || to_tsquery('pg_catalog.french', ${fr}) END`;

/**
 * The look-alikes of many probes in one statement of one shape, whatever their number (an import's
 * batch of rows): the probes are arrays, and each is looked up through a LATERAL subquery with the
 * stages of `similarLookup` (the same amount and currency, the same folded title, two of the words
 * among at most WORD_SCAN_LIMIT rows holding any of them), each with its LIMIT. Its plan costs what
 * one lookup's does; a UNION ALL of one lookup per probe took longer to plan (1.3 s for 100 probes
 * on the loaded development machine) than running the 100 lookups one by one.
 */
export function similarLookupBatch(
  lookups: LookupInput[],
  limit: number,
): { sql: string; values: unknown[] } {
  const amounts = lookups.flatMap((q, n) => q.amounts.slice(0, 3).map((a) => ({ n: n + 1, ...a })));
  const groups = lookups.map((q) => wordGroups(q.words));
  // The word stage asks for two of the words: a probe with fewer groups has none.
  const asked = groups.map((g) => (g.length >= 2 ? g : []));
  const flat = asked.flatMap((g, n) => g.map((parts) => ({ n: n + 1, parts })));
  const all = (config: GroupPart['config']) =>
    asked.map((g) => g.flatMap((parts) => termsOf(parts, config) ?? []).join(' | ') || null);
  const max = Math.trunc(limit);
  const keep = `merged_into_id IS NULL AND (p.kind IS NULL OR kind = p.kind) AND (p.excluded IS NULL OR id <> p.excluded)`;
  const sql = `
  WITH g AS (
    SELECT g.n, ${tsquery('g.en', 'g.fr')} AS q
      FROM unnest($8::int[], $9::text[], $10::text[]) AS g(n, en, fr)
  ),
  p AS (
    SELECT p.*, ${tsquery('p.en', 'p.fr')} AS any_word, ARRAY(SELECT g.q FROM g WHERE g.n = p.n) AS word_groups
      FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $11::text[], $12::text[])
        WITH ORDINALITY AS p(title, statement, kind, excluded, en, fr, n)
  )
  SELECT (p.n - 1)::int AS probe, ${candidateColumns('p.title', 'p.statement')}
  FROM p
  CROSS JOIN LATERAL (
    SELECT DISTINCT c.id FROM (
      (SELECT s.id FROM unnest($5::int[], $6::numeric[], $7::text[]) AS a(n, value, currency)
         CROSS JOIN LATERAL (SELECT id FROM items
           WHERE amount_value = a.value AND amount_currency = a.currency AND ${keep} LIMIT ${max}) s
        WHERE a.n = p.n)
      UNION ALL
      (SELECT id FROM items WHERE pw_fold(title) = pw_fold(p.title) AND ${keep} LIMIT ${max})
      UNION ALL
      (SELECT id FROM (
         SELECT id, (SELECT count(*) FROM unnest(p.word_groups) AS w(q) WHERE items.search @@ w.q) AS words
           FROM items WHERE p.any_word IS NOT NULL AND ${keep} AND search @@ p.any_word LIMIT ${WORD_SCAN_LIMIT}
       ) AS any_word WHERE words >= 2 ORDER BY words DESC, id LIMIT ${max})
    ) AS c
  ) AS found
  JOIN items i ON i.id = found.id`;
  return {
    sql,
    values: [
      lookups.map((q) => q.title),
      lookups.map((q) => q.statement),
      lookups.map((q) => q.kind),
      lookups.map((q) => q.excludeId),
      amounts.map((a) => a.n),
      amounts.map((a) => a.value),
      amounts.map((a) => a.currency),
      flat.map((f) => f.n),
      flat.map((f) => termsOf(f.parts, 'english')),
      flat.map((f) => termsOf(f.parts, 'french')),
      all('english'),
      all('french'),
    ],
  };
}
