import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import type { Extracted } from '../candidates/extraction/extract';
import { findDue } from '../candidates/extraction/dates';
import { foldKeepLength } from '../candidates/extraction/fold';
import { LEXICONS } from '../candidates/extraction/lexicon';
import { ItemListsRepository } from './item-lists.repository';
import { similarLookupBatch } from './similarity/batch-query';
import { CandidateRow, LookupInput, similarLookup, STAGE_LIMIT } from './similarity/queries';
import { scorePair, Signals } from './similarity/score';
import { amountsIn, contentWords, dueWindow, guessLanguage, namesIn, Traits } from './similarity/traits';
import { LexemeStats, lexemeStats } from './similarity/word-rarity';

export interface SimilarItem {
  id: string;
  kind: string;
  title: string;
  status: string;
  score: number;
  signals: Signals;
}

/** What a lookup compares: the texts, and what identifies the pledge in them. */
export interface Probe extends Traits {
  title: string;
  statement: string;
  language?: string;
}

/** What identifies an item (stored or about to be): its texts, amount and deadline. */
export interface ItemTraits {
  /** Left out of the results; none for an item about to be created. */
  id?: string;
  kind: string;
  title: string;
  statement: string;
  language?: string;
  amountValue?: string | null;
  amountCurrency?: string | null;
  dueAt?: string | null;
  duePrecision?: string | null;
}

interface Options {
  limit: number;
  kind?: string;
  excludeId?: string;
  /** Below this score an item is not shown. */
  minScore: number;
}

/** A look-alike worth showing; the same pledge from a candidate needs more (existingItemIds). */
export const SHOW_SCORE = 0.3;
export const SAME_PLEDGE_SCORE = 0.5;

/**
 * Items that look like the same claim or pledge. Candidates come from bounded stages — the same
 * amount and currency, the same folded title (index seeks), and full text in both languages
 * (LIMITed) — and are scored in memory on amount, actors, overlapping due windows, stemmed content words
 * (FR↔EN concept lexicon) and trigram similarity, with the signals that matched.
 */
@Injectable()
export class SimilarItems {
  private readonly logger = new Logger('SimilarItems');
  /**
   * How common the search words are, read from pg_stats at most once a minute: a lookup takes the
   * last answer while a newer one is read (stale-while-revalidate, one read at a time).
   */
  private readonly wordStats = new LRUCache<'items', { stats: LexemeStats | null }>({
    max: 1,
    ttl: 60_000,
    allowStale: true,
    // A failed read keeps what was known (or none): the lookup then asks the index for every word.
    fetchMethod: (_key, known) =>
      this.lists.searchLexemeStats(this.db.manager).then(
        (row) => ({ stats: lexemeStats(row) }),
        () => known ?? { stats: null },
      ),
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lists: ItemListsRepository,
  ) {}

  /** GET /v1/items/similar?text=: another outlet's wording, in French or English. */
  search(
    text: string,
    options: { limit: number; kind?: string },
    m: EntityManager = this.db.manager,
  ): Promise<SimilarItem[]> {
    return this.find(m, probeOfText(text), {
      ...options,
      minScore: SHOW_SCORE,
    });
  }

  /**
   * `possibleDuplicates` of a new item, read just before its create transaction (on `m`, the
   * pool). Hints only: when the lookup fails the item is created with no hints — a failing hint
   * never fails the write.
   */
  async hintsFor(m: EntityManager, item: ItemTraits): Promise<SimilarItem[]> {
    try {
      return await this.find(m, probeOfItem(item), {
        limit: 5,
        kind: item.kind,
        excludeId: item.id,
        minScore: SHOW_SCORE,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `possibleDuplicates lookup for ${item.id ? `item ${item.id}` : 'a new item'} failed (${reason}); no hints`,
      );
      return [];
    }
  }

  /** Items that already log the pledge a candidate proposes (its existingItemIds). */
  async sameAs(m: EntityManager, e: Extracted, language: string): Promise<string[]> {
    const probe: Probe = {
      title: e.title,
      statement: e.quote,
      language,
      amounts: e.amount?.currency ? [{ value: e.amount.value, currency: e.amount.currency }] : [],
      names: namesIn(
        e.quote,
        e.actors.map((a) => a.name),
      ),
      words: new Set(contentWords(e.quote, language).map((w) => w.key)),
      window: dueWindow(e.dueAt, e.duePrecision),
    };
    const found = await this.find(m, probe, {
      limit: 3,
      kind: e.kind,
      minScore: SAME_PLEDGE_SCORE,
    });
    return found.map((f) => f.id);
  }

  /**
   * One statement (similarity/queries.ts). Inside a transaction it runs in a savepoint, so a
   * failing lookup rolls back only itself.
   */
  async find(m: EntityManager, probe: Probe, options: Options): Promise<SimilarItem[]> {
    const stats = (await this.wordStats.fetch('items'))?.stats ?? null;
    const lookup = similarLookup({ ...lookupOf(probe, options), stats });
    return scored(probe, await this.lists.similar(m, lookup), options);
  }

  /**
   * Look-alikes of each probe, as `find` answers them, from one statement for them all (an
   * import's batch: similarity/batch-query.ts); a probe's own `kind` stands for `options.kind`.
   */
  async findMany(
    m: EntityManager,
    probes: (Probe & { kind?: string })[],
    options: Options,
  ): Promise<SimilarItem[][]> {
    if (probes.length === 0) return [];
    const inputs = probes.map((probe) => lookupOf(probe, { ...options, kind: probe.kind ?? options.kind }));
    const found: CandidateRow[][] = probes.map(() => []);
    for (const row of await this.lists.similarBatch(m, similarLookupBatch(inputs, inputs[0].limit)))
      found[row.probe].push(row);
    return probes.map((probe, n) => scored(probe, found[n], options));
  }
}

/** A probe as the statements take it. */
function lookupOf(probe: Probe, options: Options): LookupInput {
  return {
    title: probe.title,
    statement: probe.statement,
    amounts: probe.amounts,
    words: contentWords(`${probe.title} ${probe.statement}`, probe.language),
    kind: options.kind ?? null,
    excludeId: options.excludeId ?? null,
    // Every row a stage returns is scored: as many as asked for, and never fewer than STAGE_LIMIT.
    limit: Math.max(STAGE_LIMIT, options.limit),
  };
}

/** Candidates scored in memory against the probe, the best first, as many as asked for. */
function scored(probe: Probe, rows: CandidateRow[], options: Options): SimilarItem[] {
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      ...scorePair(probe, traitsOf(r), r.trigram),
    }))
    .filter((s) => s.score >= options.minScore)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, options.limit);
}

function traitsOf(r: CandidateRow): Traits {
  const text = `${r.title}. ${r.statement}`;
  return {
    amounts:
      r.amountValue && r.amountCurrency ? [{ value: r.amountValue, currency: r.amountCurrency.trim() }] : [],
    names: namesIn(text, r.actorNames, r.language),
    words: new Set(contentWords(text, r.language).map((w) => w.key)),
    window: dueWindow(r.dueAt, r.duePrecision),
  };
}

/** An item's probe: its own amount when it has one, else the amounts its texts state. */
export function probeOfItem(item: ItemTraits): Probe {
  const text = `${item.title}. ${item.statement}`;
  return {
    title: item.title,
    statement: item.statement,
    language: item.language,
    amounts:
      item.amountValue && item.amountCurrency
        ? [{ value: item.amountValue, currency: item.amountCurrency }]
        : amountsIn(text),
    names: namesIn(text, [], item.language),
    words: new Set(contentWords(text, item.language).map((w) => w.key)),
    window: dueWindow(item.dueAt, item.duePrecision),
  };
}

/** A free text: its amounts, names, words and any deadline it states (read from today). */
export function probeOfText(text: string): Probe {
  const language = guessLanguage(text);
  const due = findDue(text, foldKeepLength(text), LEXICONS[language], new Date());
  return {
    title: text,
    statement: text,
    language,
    amounts: amountsIn(text),
    names: namesIn(text, [], language),
    words: new Set(contentWords(text, language).map((w) => w.key)),
    window: dueWindow(due?.dueAt, due?.duePrecision),
  };
}
