import { EntityManager } from 'typeorm';
import { throwIfViolations, Violation } from '../common/problem';
import type { QuoteSelectors } from '../items/citation.entity';
import { ItemErrors } from '../items/items.errors';
import { locateQuote } from '../common/text/quote-match';

export interface QuoteRef {
  sourceId: string;
  quote?: string | null;
  /** Where the reference sits in the request body, e.g. `citations.0`. */
  path: string;
}

/**
 * Checks that every source exists and every quote occurs in its source's text (when the source
 * has one). Returns the selectors in input order; throws one 422 listing every failing entry.
 */
export async function verifyQuotes(m: EntityManager, refs: QuoteRef[]): Promise<(QuoteSelectors | null)[]> {
  const ids = [...new Set(refs.map((r) => r.sourceId))];
  const rows: { id: string; text: string | null }[] = ids.length
    ? await m.query(`SELECT id, text FROM sources WHERE id = ANY($1::uuid[])`, [ids])
    : [];
  const texts = new Map(rows.map((r) => [r.id, r.text]));
  const errors: Violation[] = [];
  const selectors = refs.map((ref) => {
    if (!texts.has(ref.sourceId)) {
      errors.push({
        spec: ItemErrors.UNKNOWN_SOURCE,
        path: `${ref.path}.sourceId`,
        message: `source ${ref.sourceId} does not exist`,
      });
      return null;
    }
    const text = texts.get(ref.sourceId);
    if (!text || !ref.quote) return null;
    const found = locateQuote(text, ref.quote);
    if (!found) {
      errors.push({
        spec: ItemErrors.QUOTE_NOT_IN_SOURCE,
        path: `${ref.path}.quote`,
        message: `does not occur in the text of source ${ref.sourceId}`,
      });
      return null;
    }
    return {
      textQuote: {
        type: 'TextQuoteSelector',
        exact: found.exact,
        prefix: found.prefix,
        suffix: found.suffix,
      },
      textPosition: { type: 'TextPositionSelector', start: found.start, end: found.end },
    } satisfies QuoteSelectors;
  });
  throwIfViolations(errors);
  return selectors;
}
