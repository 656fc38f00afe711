import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './cells';

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/** A sheet as read: its header row, then each row with its number in the sheet (the header is row 1). */
export interface Grid {
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
  /** A semicolon CSV writes decimal commas: "1,500" is one and a half there. */
  decimalComma: boolean;
}

export class SheetError extends Error {}

/** Rows past this are refused whole (docs/imports.md): an import is a tracker, not a data dump. */
export const MAX_ROWS = 20_000;
export const MAX_COLUMNS = 200;

export async function readGrid(bytes: Uint8Array, format: SheetFormat, sheet?: string): Promise<Grid> {
  const grid = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes, sheet);
  if (grid.headers.length === 0) throw new SheetError('the sheet has no header row');
  if (grid.headers.length > MAX_COLUMNS)
    throw new SheetError(`the sheet has more than ${MAX_COLUMNS} columns`);
  if (grid.rows.length > MAX_ROWS) throw new SheetError(`the sheet has more than ${MAX_ROWS} rows`);
  const seen = new Set<string>();
  for (const header of grid.headers) {
    if (header && seen.has(header)) throw new SheetError(`two columns are named "${header}"`);
    seen.add(header);
  }
  return grid;
}

/**
 * UTF-8 with or without a byte-order mark, else Latin-1 (read as Windows-1252, what spreadsheet
 * programs write under that name). Written here rather than with a detection library: a strict
 * UTF-8 decode either succeeds or proves the bytes are not UTF-8, and only these three occur.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The delimiter of the header line, outside quotes: `;`, tab or `,` — whichever occurs most. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

function readCsv(bytes: Uint8Array): Grid {
  const text = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: MAX_ROWS + 2,
    });
  } catch (error) {
    throw new SheetError(`the CSV cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [headers = [], ...body] = records;
  return {
    headers: headers.map((h) => h.trim()),
    rows: body.map((cells, i) => ({ row: i + 2, cells })),
    decimalComma: delimiter === ';',
  };
}

async function readXlsx(bytes: Uint8Array, sheet?: string): Promise<Grid> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new SheetError('the file is not a readable XLSX workbook');
  }
  const ws = sheet === undefined ? book.worksheets[0] : book.getWorksheet(sheet);
  if (!ws)
    throw new SheetError(sheet === undefined ? 'the workbook has no sheet' : `no sheet is named "${sheet}"`);
  const lines: { row: number; cells: Cell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (lines.length > MAX_ROWS + 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    lines.push({ row: number, cells: Array.from(values, cellOf) });
  });
  const [header, ...rows] = lines;
  return { headers: (header?.cells ?? []).map((h) => String(h).trim()), rows, decimalComma: false };
}

/** An XLSX cell as text, or a number; dates (date-formatted cells) as YYYY-MM-DD. */
function cellOf(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellOf(value.result);
  if ('text' in value) return String(value.text);
  return '';
}
