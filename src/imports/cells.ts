import { ExactDecimal, isCurrencyCode, MONEY_VALUE_PATTERN } from '../common/money';
import { ALL_STATUSES, ItemStatus } from '../items/status-scales';

/**
 * Reading one spreadsheet cell as researchers type it: amounts with decimal commas and unit
 * multipliers ("EUR m", "USD bn"), dates in the three spellings trackers use, status words.
 * Pure functions, run in the worker pool (src/imports/read-sheet.task.ts).
 */

/** A cell as read: CSV cells are text; an XLSX number cell stays a number (an Excel serial date, an amount). */
export type Cell = string | number;

export type Parsed<T> = { value: T } | { error: string };

/** A currency and a multiplier found in a header ("Value (EUR m)") or a cell ("USD 1.5bn"). */
export interface Unit {
  currency?: string;
  multiplier: string;
}

const SCALES: Record<string, string> = {
  k: '1000',
  thousand: '1000',
  thousands: '1000',
  m: '1000000',
  mn: '1000000',
  mio: '1000000',
  million: '1000000',
  millions: '1000000',
  bn: '1000000000',
  b: '1000000000',
  md: '1000000000',
  mrd: '1000000000',
  billion: '1000000000',
  billions: '1000000000',
  milliard: '1000000000',
  milliards: '1000000000',
};
const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY', '₴': 'UAH' };
const WORD = /[A-Za-z€$£¥₴]+/g;

/** The currency and scale words of a header or cell; words that are neither are ignored. */
export function unitIn(text: string): Unit {
  let currency: string | undefined;
  let multiplier = new ExactDecimal(1);
  for (const [word] of text.matchAll(WORD)) {
    const lower = word.toLowerCase();
    if (SYMBOLS[word]) currency = SYMBOLS[word];
    else if (/^[A-Z]{3}$/.test(word) && isCurrencyCode(word)) currency = word;
    else if (SCALES[lower]) multiplier = multiplier.times(SCALES[lower]);
  }
  return { currency, multiplier: multiplier.toFixed() };
}

/**
 * A decimal string from what a person typed: spaces, non-breaking spaces and apostrophes group
 * thousands; when both "." and "," appear the last one is the decimal mark; a lone "," (or ".")
 * followed by three digits is read by the sheet's convention (`decimalComma`: a semicolon CSV).
 */
export function plainNumber(text: string, decimalComma: boolean): string | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact) || /[.,]$/.test(compact)) return null;
  const commas = compact.split(',').length - 1;
  const dots = compact.split('.').length - 1;
  let decimal: ',' | '.' | null = null;
  if (commas > 0 && dots > 0) decimal = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1) decimal = /,\d{3}$/.test(compact) && !decimalComma ? null : ',';
  else if (dots === 1) decimal = /\.\d{3}$/.test(compact) && decimalComma ? null : '.';
  const group = decimal === ',' ? '.' : decimal === '.' ? ',' : /[.,]/.exec(compact)?.[0];
  const [whole, fraction, extra] = compact.split(decimal ?? '\u0000');
  if (extra !== undefined) return null;
  const groups = group ? whole.split(group) : [whole];
  // Thousands groups are three digits after the first: "1.500.000", never "15.00.000".
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
  const digits = groups.join('');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/**
 * An amount cell as a money value (decimal string, no float ever): the number times the cell's
 * own scale word, the header's, and the mapping's `unitMultiplier`. More than two decimals
 * after scaling, more than 18 integer digits, or a negative value is refused.
 */
export function parseAmount(
  cell: Cell,
  context: { header: Unit; unitMultiplier?: string; decimalComma: boolean },
): Parsed<{ value: string; currency?: string }> {
  const text = typeof cell === 'number' ? numberText(cell) : cell.trim();
  if (text.startsWith('-')) return { error: 'is negative; amounts are never negative' };
  const own = unitIn(text);
  const number = plainNumber(
    text.replace(WORD, '').trim(),
    typeof cell === 'number' ? false : context.decimalComma,
  );
  if (number === null) return { error: `"${text}" is not a number` };
  const value = new ExactDecimal(number)
    .times(own.multiplier)
    .times(context.header.multiplier)
    .times(context.unitMultiplier ?? '1');
  const written = value.toFixed();
  if (!MONEY_VALUE_PATTERN.test(written))
    return { error: `${written} does not fit an amount (at most 18 integer digits and 2 decimals)` };
  return { value: { value: written, currency: own.currency ?? context.header.currency } };
}

/** JavaScript's shortest round-trip spelling of a sheet's number, never in exponent notation. */
function numberText(n: number): string {
  const text = String(n);
  return /e/i.test(text) ? new ExactDecimal(n).toFixed() : text;
}

export type DateOrder = 'dmy' | 'mdy';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DOT_DATE = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/;
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in); 2958465 is 9999-12-31. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/**
 * A date cell as YYYY-MM-DD: ISO dates, `13.06.2024` (always day first), `13/06/2024` in the
 * column's `order`, and Excel serial numbers from XLSX number cells. A slash date whose order
 * the column does not settle (`order` undefined), or no real calendar day, is refused.
 */
export function parseDate(cell: Cell, order: DateOrder | undefined): Parsed<string> {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2958465) return { error: `${cell} is not a date` };
    return { value: new Date(EXCEL_EPOCH + cell * DAY).toISOString().slice(0, 10) };
  }
  const text = cell.trim();
  let m = ISO_DATE.exec(text);
  if (m) return calendarDay(+m[1], +m[2], +m[3], text);
  m = DOT_DATE.exec(text);
  if (m) return calendarDay(+m[3], +m[2], +m[1], text);
  m = SLASH_DATE.exec(text);
  if (!m) return { error: `"${text}" is not a date (YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)` };
  if (!order)
    return {
      error: `"${text}" could be day/month or month/day; no date of this column settles it (set mapping.dateOrder)`,
    };
  const [first, second] = [+m[1], +m[2]];
  return order === 'dmy' ? calendarDay(+m[3], second, first, text) : calendarDay(+m[3], first, second, text);
}

/**
 * The order of a column's slash dates: day first when one of them can only be read that way
 * (`13/06/2024`), month first likewise (`06/13/2024`); undefined when none decides, or when
 * they contradict each other.
 */
export function slashDateOrder(cells: Cell[]): DateOrder | undefined {
  let dmy = false;
  let mdy = false;
  for (const cell of cells) {
    const m = typeof cell === 'string' ? SLASH_DATE.exec(cell.trim()) : null;
    if (!m) continue;
    if (+m[1] > 12) dmy = true;
    if (+m[2] > 12) mdy = true;
  }
  return dmy === mdy ? undefined : dmy ? 'dmy' : 'mdy';
}

function calendarDay(year: number, month: number, day: number, text: string): Parsed<string> {
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day)
    return { error: `"${text}" is not a calendar day` };
  return { value: at.toISOString().slice(0, 10) };
}

/**
 * The words promise trackers use for their verdicts, folded (lower case, no accents, single
 * spaces). A mapping's `statusWords` adds to and overrides them.
 */
export const STATUS_WORDS: Record<string, ItemStatus> = {
  'promise kept': 'fulfilled',
  kept: 'fulfilled',
  achieved: 'fulfilled',
  compromise: 'partially_fulfilled',
  'partially kept': 'partially_fulfilled',
  stalled: 'stalled',
  'promise broken': 'broken',
  'in the works': 'in_progress',
  'in progress': 'in_progress',
  'not yet rated': 'proposed',
  pledged: 'agreed',
  promised: 'agreed',
  tenue: 'fulfilled',
  'en cours': 'in_progress',
  rompue: 'broken',
};

export function foldWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** A status cell: a status of either scale as written (`in_progress`, `In progress`) or a tracker's word. */
export function parseStatus(cell: Cell, words: Record<string, ItemStatus>): Parsed<ItemStatus> {
  const folded = foldWord(String(cell));
  const code = folded.replace(/ /g, '_');
  if ((ALL_STATUSES as readonly string[]).includes(code)) return { value: code as ItemStatus };
  const status = words[folded];
  return status ? { value: status } : { error: `"${String(cell).trim()}" is not a known status word` };
}
