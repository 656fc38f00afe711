import { Injectable } from '@nestjs/common';
import { probeOfItem, SAME_PLEDGE_SCORE, SimilarItems } from '../items/similar';
import { QuoteRef, QuoteVerifier } from '../sources/quote-verifier';
import type { ImportMapping } from './columns';
import { ImportsRepository, PriorRow, RowRecord } from './imports.repository';
import { MappedRow, RowError, RowFields } from './row-map';
import { bodyErrors, createBody, NOT_YET_CREATED, problemToRowError } from './row-items';
import { KnownSource, RowSources } from './row-sources';

/** A row and what the import will do with it. */
export interface Planned extends RowRecord {
  fields: RowFields | null;
  /** The item's version and status when the row was planned (an update's If-Match). */
  version?: number;
  status?: string;
}

/** Rows planned together: one read of their sources, one of their quotes' texts, one look-alike statement. */
export const PLAN_BATCH = 100;
/** Distinct sources with text whose quotes are checked in one go (8 × 1 MB: QuoteVerifier's bound). */
const SOURCES_PER_CHECK = 8;

/**
 * What each row of a sheet would do, in sheet order, nothing written: checked against earlier
 * imports of the same tracker (by row key, one statement for the sheet), against the rules of
 * POST /v1/items and the quotes of sources with text, and against stored items not of this tracker
 * (the same-pledge engine). Rows go PLAN_BATCH at a time, each batch a fixed number of statements.
 */
@Injectable()
export class ImportPlanner {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly similar: SimilarItems,
    private readonly sources: RowSources,
    private readonly quotes: QuoteVerifier,
  ) {}

  async plan(rows: MappedRow[], scope: string, mapping: ImportMapping): Promise<Planned[]> {
    const m = this.imports.db.manager;
    const prior = new Map(
      (
        await this.imports.prior(
          m,
          scope,
          rows.map((r) => r.key),
        )
      ).map((p) => [p.row_key, p]),
    );
    const out: Planned[] = [];
    for (let i = 0; i < rows.length; i += PLAN_BATCH)
      out.push(...(await this.planBatch(rows.slice(i, i + PLAN_BATCH), scope, prior, mapping)));
    return out;
  }

  private async planBatch(
    rows: MappedRow[],
    scope: string,
    prior: Map<string, PriorRow>,
    mapping: ImportMapping,
  ): Promise<Planned[]> {
    const errors = await this.rowErrors(rows, mapping);
    const planned = rows.map((row, i): Planned => {
      const base = { ...row, itemId: null, duplicateOf: null, errors: [] };
      const before = prior.get(row.key);
      if (errors[i].length > 0 || !row.fields)
        return { ...base, outcome: 'error', errors: errors[i], fields: null };
      if (before && before.row_hash === row.hash)
        return { ...base, outcome: 'unchanged', itemId: before.item_id };
      if (before)
        return {
          ...base,
          outcome: 'update',
          itemId: before.item_id,
          version: before.version,
          status: before.status,
        };
      return { ...base, outcome: 'create' };
    });
    const fresh = planned.filter((p) => p.outcome === 'create');
    const m = this.imports.db.manager;
    const same = await this.similar.findMany(
      m,
      fresh.map((p) => ({ ...probeOfRow(p.fields!, mapping), kind: p.fields!.kind })),
      { limit: 5, minScore: SAME_PLEDGE_SCORE },
    );
    const ours = await this.imports.ownItems(m, scope, [...new Set(same.flat().map((f) => f.id))]);
    fresh.forEach((p, i) => {
      const duplicateOf = same[i].find((f) => !ours.has(f.id))?.id ?? null;
      if (duplicateOf) Object.assign(p, { outcome: 'duplicate', duplicateOf });
    });
    return planned;
  }

  /** Each row's errors: the rules POST /v1/items checks, and the quote rule of an existing source with text. */
  private async rowErrors(rows: MappedRow[], mapping: ImportMapping): Promise<RowError[][]> {
    const sources = await this.sources.known(rows.flatMap((r) => (r.fields ? [r.fields.sourceUrl] : [])));
    const errors = await Promise.all(
      rows.map(async (r) =>
        r.fields ? fieldErrors(r.fields, r.row, mapping, sources.get(r.fields.sourceUrl)!) : r.errors,
      ),
    );
    // The quotes of sources with text, for rows that hold so far.
    const refs: (QuoteRef & { index: number })[] = [];
    rows.forEach((r, index) => {
      const source = r.fields && sources.get(r.fields.sourceUrl);
      if (errors[index].length === 0 && source && !('error' in source) && source.id && source.hasText)
        refs.push({ sourceId: source.id, quote: r.fields!.quote, path: `citations.${refs.length}`, index });
    });
    for (const group of bySources(refs, SOURCES_PER_CHECK)) {
      const { violations } = await this.quotes.check(group);
      for (const v of violations) {
        const ref = refs[Number(v.path.split('.')[1])];
        errors[ref.index].push(problemToRowError(v, rows[ref.index].row, mapping));
      }
    }
    return errors;
  }
}

/** A row's errors before its quote is looked for: its source's URL, a missing quote, the item's rules. */
async function fieldErrors(
  fields: RowFields,
  row: number,
  mapping: ImportMapping,
  source: KnownSource,
): Promise<RowError[]> {
  if ('error' in source) return [{ row, column: mapping.sourceUrl, reason: source.error }];
  if (source.hasText && !fields.quote)
    return [
      { row, column: mapping.quote ?? null, reason: 'the source has text: the row must quote its passage' },
    ];
  const body = createBody(fields, mapping, {
    sourceId: source.id ?? NOT_YET_CREATED,
    quote: fields.quote ?? fields.statement,
    actorId: fields.actor ? NOT_YET_CREATED : undefined,
  });
  return bodyErrors(body, row, mapping);
}

/** What the same-pledge engine compares of a row. */
function probeOfRow(fields: RowFields, mapping: ImportMapping) {
  return probeOfItem({
    kind: fields.kind,
    title: fields.title,
    statement: fields.statement,
    language: mapping.language ?? 'en',
    amountValue: fields.amount?.value,
    amountCurrency: fields.amount?.currency,
    dueAt: fields.dueAt,
  });
}

/** References in groups citing at most `most` distinct sources each (paths kept as given). */
function bySources<R extends QuoteRef>(refs: R[], most: number): R[][] {
  const groups: R[][] = [];
  const sourcesOf: Set<string>[] = [];
  for (const ref of refs) {
    const last = sourcesOf.length - 1;
    if (last >= 0 && (sourcesOf[last].has(ref.sourceId) || sourcesOf[last].size < most)) {
      sourcesOf[last].add(ref.sourceId);
      groups[last].push(ref);
    } else {
      sourcesOf.push(new Set([ref.sourceId]));
      groups.push([ref]);
    }
  }
  return groups;
}
