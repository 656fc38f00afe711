import { stemOf } from './traits';

/** One word's terms in a text search configuration, joined with `|` (queries.ts `GroupPart`). */
type GroupPart = { config: 'english' | 'french'; terms: string };

/**
 * How many items hold each search lexeme, as PostgreSQL's ANALYZE estimates it for `items.search`
 * (`pg_stats.most_common_elems`: the most common lexemes, each with the share of rows holding it).
 * Read from the planner's statistics, kept by autovacuum, so writers maintain nothing more.
 */
export interface LexemeStats {
  /** Items in the table (`pg_class.reltuples`). */
  rows: number;
  /** Lexeme → share of the items holding it. */
  shares: Map<string, number>;
  /** The share assumed for a lexeme not listed (fewer items hold it): half the smallest listed, as the planner assumes. */
  unlisted: number;
}

/** Estimated rows the rarer words may bring, and the most a stage asking for them examines. */
export const PROBE_ROW_BUDGET = 200;

/** Items estimated to hold one of a group's terms (the sum over its lexemes: an upper bound). */
export function groupRows(parts: GroupPart[], stats: LexemeStats): number {
  let share = 0;
  for (const part of parts) {
    const lang = part.config === 'english' ? 'en' : 'fr';
    const lexemes = new Set(part.terms.split(' | ').map((term) => stemOf(lang, term)));
    for (const lexeme of lexemes) share += stats.shares.get(lexeme) ?? stats.unlisted;
  }
  return Math.min(1, share) * stats.rows;
}

/**
 * The groups the full-text stage asks the index for (its other groups are only counted on the rows
 * found). An item holding two of the groups holds one of any n − 1 of them, so leaving the most
 * common group out finds exactly the same items. Beyond that, while the rest are estimated to hold
 * more than PROBE_ROW_BUDGET items, the next most common group is left out too, keeping the rarest:
 * the index then returns tens of rows instead of thousands, and an item holding two common words
 * but none of the rarer ones is no longer a candidate (a near-duplicate holds the rare words too).
 * Every group is asked, as before, without statistics (a table never analysed) and when even the
 * rarest word is estimated in more than `scanLimit` items: the index would then build a bitmap of
 * thousands of rows and fetch `scanLimit` of them from all over the table, slower than the scan in
 * table order it replaces (35 against 22 ms for the bench's /similar text at 100,000 items).
 */
export function probeGroups(
  groups: GroupPart[][],
  stats: LexemeStats | null,
  scanLimit: number,
): GroupPart[][] {
  if (!stats || stats.rows <= 0 || groups.length < 2) return groups;
  const byRows = groups
    .map((parts, at) => ({ parts, at, rows: groupRows(parts, stats) }))
    .sort((a, b) => a.rows - b.rows || a.at - b.at);
  let kept = byRows.slice(0, -1);
  let total = kept.reduce((sum, g) => sum + g.rows, 0);
  while (kept.length > 1 && total > PROBE_ROW_BUDGET) {
    total -= kept[kept.length - 1].rows;
    kept = kept.slice(0, -1);
  }
  if (kept[0].rows > scanLimit) return groups;
  return kept.sort((a, b) => a.at - b.at).map((g) => g.parts);
}

/** What `ItemListsRepository.searchLexemeStats` reads of pg_stats and pg_class. */
export type SearchLexemeStatsRow = { elems: string[] | null; freqs: number[] | null; rows: number };

/** The statistics from `pg_stats` columns; null when the table has none yet. */
export function lexemeStats(row: SearchLexemeStatsRow | undefined): LexemeStats | null {
  if (!row?.elems || !row.freqs || row.rows <= 0) return null;
  const { elems, freqs } = row;
  const shares = new Map(elems.map((lexeme, i) => [lexeme, freqs[i]]));
  // For a tsvector, most_common_elem_freqs ends with the smallest and the largest share listed.
  const smallest = freqs[elems.length] ?? Math.min(...freqs);
  return { rows: row.rows, shares, unlisted: smallest / 2 };
}
