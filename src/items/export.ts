import { Readable, Transform } from 'node:stream';
import { csvLine, UTF8_BOM } from './csv';
import { ItemFilterQuery } from './dto/list-items.query';
import type { ExportCitation, ExportRow } from './export.query';
import type { ScheduleEntry } from './money-rules';
import { ItemListsRepository } from './item-lists.repository';
import type { DataSource } from 'typeorm';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `formulaGuard`: CSV cells starting with = + - @ (or tab, CR) get a leading `'`. */
export interface ExportOptions {
  format: ExportFormat;
  formulaGuard: boolean;
}

const CSV_HEADER = [
  'id',
  'kind',
  'status',
  'statusSince',
  'title',
  'statement',
  'language',
  'tags',
  'amountValue',
  'amountCurrency',
  'amountQualifier',
  'amountValueMax',
  'schedule',
  'targetValue',
  'targetUnit',
  'targetLabel',
  'recurrence',
  'periodStart',
  'periodEnd',
  'dueAt',
  'duePrecision',
  'actors',
  'originUrl',
  'citations',
  'version',
  'createdAt',
  'updatedAt',
] as const;

/** The URL of the item's first origin citation (its citations come oldest first). */
const originUrl = (row: { citations: ExportCitation[] }) =>
  row.citations.find((c) => c.role === 'origin')?.url ?? null;

/** Tags hold no ";" (refused at the API, a CHECK in the database), so the tags cell splits back on "; ". */
function toCsv(row: ExportRow, formulaGuard: boolean): string {
  const cells: Record<(typeof CSV_HEADER)[number], string | number | null> = {
    ...row,
    tags: row.tags.join('; '),
    schedule: row.schedule && row.schedule.map(scheduleCell).join('; '),
    actors: row.actors.map((a) => `${a.name} (${a.role})`).join('; '),
    originUrl: originUrl(row),
    citations: row.citations.map(citationCell).join('; '),
  };
  return csvLine(
    CSV_HEADER.map((column) => cells[column]),
    formulaGuard,
  );
}

/** "2025: 200–250 EUR": a period's amount, a range with an en dash. */
function scheduleCell({ period, amount }: ScheduleEntry): string {
  return `${period}: ${amount.value}${amount.valueMax ? `–${amount.valueMax}` : ''} ${amount.currency}`;
}

/** "origin https://example.org/report.pdf p. 3": role, URL, and the page where the text has pages. */
function citationCell({ role, url, page }: ExportCitation): string {
  return `${role} ${url}${page === null ? '' : ` p. ${page}`}`;
}

/** The same shapes as GET /v1/items/:id: amount (valueMax on ranges), schedule, target. */
function toNdjson({
  amountValue,
  amountCurrency,
  amountQualifier,
  amountValueMax,
  targetValue,
  targetUnit,
  targetLabel,
  ...row
}: ExportRow): string {
  const amount =
    amountValue === null
      ? null
      : {
          value: amountValue,
          currency: amountCurrency,
          qualifier: amountQualifier,
          ...(amountValueMax === null ? {} : { valueMax: amountValueMax }),
        };
  const target = targetValue === null ? null : { value: targetValue, unit: targetUnit, label: targetLabel };
  return `${JSON.stringify({ ...row, originUrl: originUrl(row), amount, target })}\n`;
}

/**
 * Every item matching the list filters, oldest first, read through a server-side cursor in
 * batches (pg-query-stream) and formatted row by row: memory stays flat whatever the size.
 * The connection goes back to the pool when the stream ends, fails or the client goes away; the
 * cursor runs in a read-only transaction that ends there too.
 */
export async function exportItems(
  lists: ItemListsRepository,
  query: ItemFilterQuery,
  { format, formulaGuard }: ExportOptions,
  db?: DataSource,
): Promise<Readable> {
  const { rows, release } = await lists.exportCursor(query, db);
  const format1 = format === 'csv' ? (row: ExportRow) => toCsv(row, formulaGuard) : toNdjson;
  let first = true;
  const out = new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _encoding, done) {
      const prefix = first && format === 'csv' ? UTF8_BOM + csvLine([...CSV_HEADER]) : '';
      first = false;
      done(null, prefix + format1(row));
    },
    flush(done) {
      done(null, first && format === 'csv' ? UTF8_BOM + csvLine([...CSV_HEADER]) : '');
    },
  });
  rows.on('error', (error: Error) => {
    out.destroy(error);
    release();
  });
  out.on('close', () => release());
  out.on('end', () => release());
  return rows.pipe(out);
}
