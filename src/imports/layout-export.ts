import { Injectable } from '@nestjs/common';
import { ExactDecimal } from '../common/money';
import { ProblemError } from '../common/problem';
import { csvLine, UTF8_BOM } from '../items/csv';
import { ExportLayouts, LaidOutFile, LayoutFormat } from '../items/export-layouts';
import { ItemsService } from '../items/items.service';
import { ItemView } from '../items/items.view';
import { Cell, STATUS_WORDS, unitIn } from './cells';
import { ColumnField, ImportMapping } from './columns';
import { ImportErrors } from './imports.errors';
import { ImportsRepository } from './imports.repository';
import { mapSheet, RowFields } from './row-map';

/**
 * The items of an import in the sheet's own columns: each row as it was imported, with every
 * mapped cell whose value has changed since rewritten from the item as it is now (title,
 * statement, status in the sheet's words, actor, amount in the column's unit, currency, due date,
 * tags). A cell whose value is unchanged keeps its spelling, so the file imports back unchanged.
 */
@Injectable()
export class ImportLayouts extends ExportLayouts {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly items: ItemsService,
  ) {
    super();
  }

  async write(importId: string, format: LayoutFormat): Promise<LaidOutFile> {
    const found = await this.imports.find(importId);
    if (!found) throw new ProblemError(ImportErrors.NOT_FOUND, `Import ${importId} does not exist`);
    const mapping = found.mapping as unknown as ImportMapping;
    const rows = (await this.imports.rows(importId)).filter((r) => r.item_id);
    const then = mapSheet(
      {
        headers: found.headers,
        rows: rows.map((r) => ({ row: r.row_number, cells: r.cells })),
        decimalComma: found.decimal_comma,
      },
      mapping,
    );
    const lines: Cell[][] = [];
    for (const [i, row] of rows.entries()) {
      const item = await this.items.get(row.item_id!).catch(() => null);
      if (item) lines.push(rewrite(found.headers, row.cells, then.rows[i]?.fields ?? null, item, mapping));
    }
    const base = (found.file_name ?? 'import').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '-');
    if (format === 'csv') {
      const text = UTF8_BOM + [found.headers, ...lines].map((l) => csvLine(l)).join('');
      return {
        body: Buffer.from(text, 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${base}.csv`,
      };
    }
    // Loaded here, on first use: exceljs is a tenth of the service's start-up (every e2e test file
    // starts the service anew), for an export few processes ever write.
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet(found.sheet ?? 'Items');
    sheet.addRow(found.headers);
    for (const line of lines) sheet.addRow(line);
    return {
      body: Buffer.from(await book.xlsx.writeBuffer()),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${base}.xlsx`,
    };
  }
}

/** One row: its cells as imported, the mapped ones that no longer hold the item's value replaced. */
function rewrite(
  headers: string[],
  cells: Cell[],
  then: RowFields | null,
  item: ItemView,
  mapping: ImportMapping,
): Cell[] {
  const out = headers.map((_, i) => cells[i] ?? '');
  const set = (field: ColumnField, value: Cell, before: unknown, now: unknown) => {
    const i = mapping[field] === undefined ? -1 : headers.indexOf(mapping[field]);
    if (i >= 0 && JSON.stringify(before) !== JSON.stringify(now)) out[i] = value;
  };
  set('title', item.title, then?.title, item.title);
  set('statement', item.statement, then?.statement, item.statement);
  set('status', statusWord(item.status, mapping), then?.status, item.status);
  const actor = item.actors[0]?.name;
  if (actor) set('actor', actor, then?.actor?.toLowerCase(), actor.toLowerCase());
  if (item.amount) {
    const unit = new ExactDecimal(unitIn(mapping.amount ?? '').multiplier).times(
      mapping.unitMultiplier ?? '1',
    );
    const scaled = new ExactDecimal(item.amount.value).dividedBy(unit).toFixed();
    set('amount', scaled, then?.amount?.value, item.amount.value);
    set('currency', item.amount.currency, then?.amount?.currency, item.amount.currency);
  }
  set('dueAt', item.dueAt ?? '', then?.dueAt ?? null, item.dueAt);
  set('tags', item.tags.join('; '), then?.tags, item.tags);
  return out;
}

/** The sheet's own word for a status (its mapping's first, then the built-in ones), else the status. */
function statusWord(status: string, mapping: ImportMapping): string {
  const own = Object.entries(mapping.statusWords ?? {}).find(([, s]) => s === status)?.[0];
  if (own) return own;
  const builtIn = Object.entries(STATUS_WORDS).find(([, s]) => s === status)?.[0];
  return builtIn ? builtIn.replace(/\b\w/g, (c) => c.toUpperCase()) : status;
}
