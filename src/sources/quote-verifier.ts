import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ErrorSpec, ProblemError, Violation } from '../common/problem';
import type { QuoteSearch } from '../common/text/locate-quotes';
import { locateQuotes } from '../common/text/locate-quotes';
import type { QuoteLocation } from '../common/text/quote-match';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { pageAt } from './pages';
import { SourcesRepository } from './sources.repository';

/** W3C Web Annotation selectors locating a quote in its source's text (stored with citations and evidence). */
export interface QuoteSelectors {
  textQuote: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
  textPosition: { type: 'TextPositionSelector'; start: number; end: number };
  /** In a text with pages (a PDF's): the page the quote starts on, from 1. */
  page?: number;
}

export interface QuoteRef {
  sourceId: string;
  quote?: string | null;
  /** Where the reference sits in the request body, e.g. `citations.0`. */
  path: string;
}

/** The outcome of checking a request's quotes, before its transaction opens. */
export interface CheckedQuotes {
  /** In input order; null for a reference without quote or to a source without text. */
  selectors: (QuoteSelectors | null)[];
  violations: Violation[];
  /** Each known source's content hash as it was checked (null: no text). */
  checked: Map<string, string | null>;
}

/** Citations and evidence quote sources; the ITEM codes predate this module and clients branch on them. */
export const QuoteErrors = {
  QUOTE_NOT_IN_SOURCE: {
    status: 422,
    code: 'ITEM.QUOTE_NOT_IN_SOURCE',
    title: 'The quote does not occur in the source text',
  },
  UNKNOWN_SOURCE: { status: 422, code: 'ITEM.UNKNOWN_SOURCE', title: 'A referenced source does not exist' },
  TOO_MUCH_TEXT: {
    status: 422,
    code: 'QUOTE.TOO_MUCH_SOURCE_TEXT',
    title: 'The quotes of one request may cite only so much source text',
  },
  SOURCE_CHANGED: {
    status: 409,
    code: 'QUOTE.SOURCE_CHANGED',
    title: 'A cited source changed while its quotes were checked; retry',
  },
} satisfies Record<string, ErrorSpec>;

/**
 * Distinct source text one request may have folded (8 full 1 MB sources; folding costs about
 * 120 ms per million characters, on a worker thread). Searching is ~35 times cheaper and bounded
 * by the 50 citations × 1 MB it can reach.
 */
export const MAX_TEXT_PER_REQUEST = 8 * 1024 * 1024;
/** Below this much text, folding and searching take under ~5 ms: not worth a thread hop. */
export const INLINE_TEXT_LIMIT = 40_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Checks that every source exists and every quote occurs in its source's text (spec: "Quotes
 * are checked"). Each text is folded once per request (and cached by content hash); long texts
 * are searched on a worker thread. Runs before the write's transaction, so no connection is held
 * while it works; `confirmUnchanged` then proves inside the transaction that nothing moved.
 */
@Injectable()
export class QuoteVerifier {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly pool: WorkerPool,
  ) {}

  async check(refs: QuoteRef[]): Promise<CheckedQuotes> {
    const ids = [...new Set(refs.map((r) => r.sourceId))];
    const rows = ids.length ? await this.sources.texts(ids) : [];
    const sources = new Map(rows.map((r) => [r.id, r]));
    const violations: Violation[] = [];
    const searches = new Map<string, QuoteSearch & { refs: number[] }>();
    refs.forEach((ref, index) => {
      const source = sources.get(ref.sourceId);
      if (!source) {
        violations.push({
          spec: QuoteErrors.UNKNOWN_SOURCE,
          path: `${ref.path}.sourceId`,
          message: `source ${ref.sourceId} does not exist`,
        });
        return;
      }
      if (!source.text || !ref.quote) return;
      let search = searches.get(source.id);
      if (!search) {
        search = { hash: source.hash ?? sha256(source.text), text: source.text, quotes: [], refs: [] };
        searches.set(source.id, search);
      }
      search.quotes.push(ref.quote);
      search.refs.push(index);
    });
    const found = await this.locate([...searches.values()]);
    const selectors: (QuoteSelectors | null)[] = refs.map(() => null);
    [...searches.values()].forEach((search, s) =>
      search.refs.forEach((refIndex, q) => {
        const location = found[s][q];
        const ref = refs[refIndex];
        if (location) selectors[refIndex] = toSelectors(location, pageAt(search.text, location.start));
        else
          violations.push({
            spec: QuoteErrors.QUOTE_NOT_IN_SOURCE,
            path: `${ref.path}.quote`,
            message: `does not occur in the text of source ${ref.sourceId}`,
          });
      }),
    );
    violations.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    return { selectors, violations, checked: new Map(rows.map((r) => [r.id, r.hash])) };
  }

  /**
   * Inside the write's transaction: locks the checked sources against a concurrent first text
   * (FOR SHARE) and refuses with 409 when one gained or changed its text since `check`. Answers
   * each source's publication date, read in the same statement (an item's status starts there).
   */
  async confirmUnchanged(m: EntityManager, checked: CheckedQuotes): Promise<Map<string, Date | null>> {
    const ids = [...checked.checked.keys()];
    if (ids.length === 0) return new Map();
    const rows = await this.sources.hashesForShare(m, ids);
    const moved = rows.find((r) => checked.checked.get(r.id) !== r.hash);
    if (moved || rows.length !== ids.length)
      throw new ProblemError(
        QuoteErrors.SOURCE_CHANGED,
        `Source ${moved?.id ?? ''} changed; retry the request`,
      );
    return new Map(rows.map((r) => [r.id, r.publishedAt]));
  }

  private async locate(searches: QuoteSearch[]): Promise<(QuoteLocation | null)[][]> {
    const total = searches.reduce((sum, s) => sum + s.text.length, 0);
    if (total > MAX_TEXT_PER_REQUEST)
      throw new ProblemError(
        QuoteErrors.TOO_MUCH_TEXT,
        `These quotes cite ${total} characters of distinct source text; at most ${MAX_TEXT_PER_REQUEST} per request`,
      );
    const plain = searches.map(({ hash, text, quotes }) => ({ hash, text, quotes }));
    return total <= INLINE_TEXT_LIMIT ? locateQuotes(plain) : this.pool.run('locateQuotes', plain);
  }
}

function toSelectors(found: QuoteLocation, page: number | undefined): QuoteSelectors {
  return {
    textQuote: { type: 'TextQuoteSelector', exact: found.exact, prefix: found.prefix, suffix: found.suffix },
    textPosition: { type: 'TextPositionSelector', start: found.start, end: found.end },
    ...(page === undefined ? {} : { page }),
  };
}
