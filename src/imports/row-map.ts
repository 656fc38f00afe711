import { createHash } from 'node:crypto';
import { isCurrencyCode } from '../common/money';
import { ALL_STATUSES, ITEM_KINDS, ItemKind, ItemStatus } from '../items/status-scales';
import {
  Cell,
  DateOrder,
  foldWord,
  parseAmount,
  parseDate,
  parseStatus,
  slashDateOrder,
  STATUS_WORDS,
  unitIn,
} from './cells';
import { COLUMN_FIELDS, ColumnField, ImportMapping } from './columns';
import { Grid } from './read-sheet';

/** What is wrong with one row: its number in the sheet, the column (header) and why. */
export interface RowError {
  row: number;
  column: string | null;
  reason: string;
}

/** A row read through the mapping: what an item made from it holds. */
export interface RowFields {
  title: string;
  statement: string;
  kind: ItemKind;
  status?: ItemStatus;
  actor?: string;
  amount?: { value: string; currency: string };
  date?: string;
  dueAt?: string;
  sourceUrl: string;
  sourceTitle?: string;
  quote?: string;
  tags: string[];
}

export interface MappedRow {
  row: number;
  /** The rowKey cell, else `h:` and the hash: what matches this row to an earlier import's. */
  key: string;
  /** Of the mapped cells: a row whose hash is unchanged changes nothing. */
  hash: string;
  cells: Cell[];
  fields: RowFields | null;
  errors: RowError[];
}

export interface MappedSheet {
  headers: string[];
  decimalComma: boolean;
  rows: MappedRow[];
  violations: { path: string; message: string }[];
}

type Columns = Partial<Record<ColumnField, number>>;

/** The whole sheet through the mapping: mapping problems (422), else every row with its fields or errors. */
export function mapSheet(grid: Grid, mapping: ImportMapping): MappedSheet {
  const { columns, violations } = resolveColumns(grid.headers, mapping);
  if (violations.length > 0)
    return { headers: grid.headers, decimalComma: grid.decimalComma, rows: [], violations };
  const words = { ...STATUS_WORDS };
  for (const [word, status] of Object.entries(mapping.statusWords ?? {}))
    words[foldWord(word)] = status as ItemStatus;
  const column = (field: ColumnField) => grid.rows.map((r) => r.cells[columns[field] ?? -1] ?? '');
  const context = {
    grid,
    mapping,
    columns,
    words,
    amountUnit: unitIn(columns.amount === undefined ? '' : grid.headers[columns.amount]),
    dateOrder: mapping.dateOrder ?? slashDateOrder(column('date')),
    dueOrder: mapping.dateOrder ?? slashDateOrder(column('dueAt')),
  };
  const firstOfKey = new Map<string, number>();
  const rows = grid.rows.map(({ row, cells }) => {
    const mapped = mapRow(context, row, cells);
    const earlier = firstOfKey.get(mapped.key);
    if (earlier !== undefined)
      mapped.errors.push({
        row,
        column: nameOf(context, 'rowKey'),
        reason: `same row key as row ${earlier}`,
      });
    else firstOfKey.set(mapped.key, row);
    if (mapped.errors.length > 0) mapped.fields = null;
    return mapped;
  });
  return { headers: grid.headers, decimalComma: grid.decimalComma, rows, violations: [] };
}

function resolveColumns(headers: string[], mapping: ImportMapping) {
  const columns: Columns = {};
  const violations: { path: string; message: string }[] = [];
  for (const field of COLUMN_FIELDS) {
    const name = mapping[field];
    if (name === undefined) continue;
    const index = headers.indexOf(name);
    if (index >= 0) columns[field] = index;
    else if (
      !(field === 'kind' && (ITEM_KINDS as readonly string[]).includes(name)) &&
      !(field === 'currency' && isCurrencyCode(name))
    )
      violations.push({
        path: `mapping.${field}`,
        message: `no column is named "${name}"; the columns are ${headers.map((h) => `"${h}"`).join(', ')}`,
      });
  }
  for (const [word, status] of Object.entries(mapping.statusWords ?? {}))
    if (typeof status !== 'string' || !(ALL_STATUSES as readonly string[]).includes(status))
      violations.push({
        path: `mapping.statusWords.${word}`,
        message: `must be one of ${ALL_STATUSES.join(', ')}`,
      });
  return { columns, violations };
}

interface Context {
  grid: Grid;
  mapping: ImportMapping;
  columns: Columns;
  words: Record<string, ItemStatus>;
  amountUnit: ReturnType<typeof unitIn>;
  dateOrder: DateOrder | undefined;
  dueOrder: DateOrder | undefined;
}

const nameOf = (c: Context, field: ColumnField) =>
  c.columns[field] === undefined ? null : c.grid.headers[c.columns[field]];

function mapRow(c: Context, row: number, cells: Cell[]): MappedRow {
  const errors: RowError[] = [];
  const raw = (field: ColumnField): Cell => {
    const i = c.columns[field];
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const text = (field: ColumnField) => String(raw(field)).trim();
  const fail = (field: ColumnField, reason: string) => errors.push({ row, column: nameOf(c, field), reason });
  const parsed = <T>(field: ColumnField, result: { value: T } | { error: string }): T | undefined => {
    if ('error' in result) fail(field, result.error);
    return 'value' in result ? result.value : undefined;
  };

  const title = text('title');
  if (!title) fail('title', 'is empty; every item needs a title');
  const kindText = c.columns.kind === undefined ? (c.mapping.kind ?? 'commitment') : foldWord(text('kind'));
  const kind = (ITEM_KINDS as readonly string[]).includes(kindText) ? (kindText as ItemKind) : undefined;
  if (!kind) fail('kind', `"${kindText}" is neither claim nor commitment`);
  const status = text('status') ? parsed('status', parseStatus(raw('status'), c.words)) : undefined;
  const amount = text('amount')
    ? parsed(
        'amount',
        parseAmount(raw('amount'), {
          header: c.amountUnit,
          unitMultiplier: c.mapping.unitMultiplier,
          decimalComma: c.grid.decimalComma,
        }),
      )
    : undefined;
  const currency =
    c.columns.currency === undefined ? c.mapping.currency : text('currency').toUpperCase() || undefined;
  const amountCurrency = amount?.currency ?? currency;
  if (amount && !amountCurrency)
    fail('amount', 'has no currency: in the cell, the header, or mapping.currency');
  else if (amountCurrency && amount && !isCurrencyCode(amountCurrency))
    fail(
      c.columns.currency === undefined ? 'amount' : 'currency',
      `"${String(amountCurrency)}" is not an ISO 4217 currency`,
    );
  const date = text('date') ? parsed('date', parseDate(raw('date'), c.dateOrder)) : undefined;
  const dueAt = text('dueAt') ? parsed('dueAt', parseDate(raw('dueAt'), c.dueOrder)) : undefined;
  const sourceUrl = text('sourceUrl');
  if (!/^https?:\/\/\S+$/i.test(sourceUrl))
    fail(
      'sourceUrl',
      sourceUrl ? `"${sourceUrl}" is not an http(s) URL` : 'is empty; every item needs its source',
    );
  const fields: RowFields = {
    title,
    statement: text('statement') || title,
    kind: kind ?? 'commitment',
    status,
    actor: text('actor') || undefined,
    amount: amount && amountCurrency ? { value: amount.value, currency: amountCurrency } : undefined,
    date,
    dueAt,
    sourceUrl,
    sourceTitle: text('sourceTitle') || undefined,
    quote: text('quote') || undefined,
    tags: text('tags')
      .split(/[;,]/)
      .map((t) => t.trim())
      .filter(Boolean),
  };
  // Of the values as read, not as written: "1.250,5" in a semicolon sheet is "1250.5" in a comma one.
  const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  const key = c.columns.rowKey === undefined ? `h:${hash.slice(0, 32)}` : text('rowKey');
  if (!key) fail('rowKey', 'is empty');
  return {
    row,
    key,
    hash,
    cells,
    errors,
    fields,
  };
}
