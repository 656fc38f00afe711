import { isCurrencyCode } from '../common/money';
import { Violation } from '../common/problem';
import { FxRateErrors } from './fx-rates.errors';
import { MAX_YEAR, MIN_YEAR } from '../common/instant';
import { MONTHS } from '../common/periods';

/** One reference rate: how many units of `currency` one euro bought on `date` (ECB convention). */
export interface FxRate {
  date: string;
  currency: string;
  perEur: string;
}

/** A rate as the ECB prints it: a positive decimal, at most 10 integer and 10 fractional digits. */
const RATE = /^(?:0|[1-9]\d{0,9})(?:\.\d{1,10})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The ECB's daily file writes "13 June 2024"; its history file writes 2024-06-13. */
const LONG_DATE = /^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$/;
/** Currencies the ECB published before the euro replaced them; its history file still has their columns. */
const FORMER_ECB_CURRENCIES = new Set(['CYP', 'EEK', 'LTL', 'LVL', 'MTL', 'ROL', 'SIT', 'SKK', 'TRL']);
/** More than this many bad cells: the file is not what it claims to be; stop listing. */
const MAX_VIOLATIONS = 100;

/**
 * The ECB's CSV (eurofxref-hist.csv, eurofxref.csv): a `Date` column, then one column per
 * currency with units per EUR; blank and `N/A` cells mean "no rate that day" and are skipped.
 * Hand-written (a CSV library would add nothing: the format has no quoting), so that every bad
 * cell is reported with its line and column.
 */
export function parseEcbCsv(text: string): { rates: FxRate[]; violations: Violation[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((cell) => cell.trim());
  const violations: Violation[] = [];
  const bad = (line: number, column: number, message: string) =>
    violations.length < MAX_VIOLATIONS &&
    violations.push(
      violation(
        `line ${line}, column ${column}${header[column - 1] ? ` (${header[column - 1]})` : ''}`,
        message,
      ),
    );
  if (header[0] !== 'Date') bad(1, 1, 'the first column must be Date (the ECB format)');
  // The ECB ends every line with a comma: a last empty header cell is no column.
  const width = header[header.length - 1] === '' ? header.length - 1 : header.length;
  for (let c = 2; c <= width; c++) {
    const first = header.indexOf(header[c - 1]) + 1;
    if (!isRateCurrency(header[c - 1])) {
      bad(1, c, `"${header[c - 1]}" is not an ISO 4217 currency code other than EUR`);
    } else if (first < c) {
      bad(1, c, `${header[c - 1]} is a column twice (first at column ${first}): which rate would count?`);
    }
  }
  const rates: FxRate[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((cell) => cell.trim());
    const date = parseDate(cells[0]);
    if (!date)
      return bad(
        line,
        1,
        `"${cells[0]}" is not a date (YYYY-MM-DD or "13 June 2024") in the years ${MIN_YEAR}–${MAX_YEAR}`,
      );
    if (seen.has(date)) return bad(line, 1, `${date} is listed twice`);
    seen.add(date);
    cells.forEach((cell, i) => {
      const column = i + 1;
      if (column === 1 || cell === '' || cell === 'N/A') return;
      if (column > width) return bad(line, column, 'a value beyond the last currency column');
      if (!RATE.test(cell) || /^0(\.0*)?$/.test(cell)) {
        return bad(line, column, `"${cell}" is not a rate (a positive decimal, units per EUR)`);
      }
      rates.push({ date, currency: header[i], perEur: cell });
    });
  });
  return { rates, violations };
}

/** JSON: `[{date, currency, perEur}]`, perEur a decimal string (or a JSON number, read as written). */
export function parseRatesJson(body: unknown): { rates: FxRate[]; violations: Violation[] } {
  if (!Array.isArray(body))
    return { rates: [], violations: [violation('', 'must be an array of {date, currency, perEur}')] };
  const violations: Violation[] = [];
  const rates: FxRate[] = [];
  const seen = new Set<string>();
  body.forEach((entry: unknown, i) => {
    if (violations.length >= MAX_VIOLATIONS) return;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return violations.push(violation(`${i}`, 'must be an object {date, currency, perEur}'));
    }
    const { date, currency, perEur, ...rest } = entry as Record<string, unknown>;
    for (const field of Object.keys(rest))
      violations.push(violation(`${i}.${field}`, 'is not a known field'));
    const day = typeof date === 'string' && ISO_DATE.test(date) ? parseDate(date) : null;
    if (!day)
      violations.push(
        violation(`${i}.date`, `must be a date YYYY-MM-DD in the years ${MIN_YEAR}–${MAX_YEAR}`),
      );
    if (!isRateCurrency(currency)) {
      violations.push(violation(`${i}.currency`, 'must be an ISO 4217 currency code other than EUR'));
    }
    const rate = typeof perEur === 'number' ? String(perEur) : perEur;
    if (typeof rate !== 'string' || !RATE.test(rate) || /^0(\.0*)?$/.test(rate)) {
      violations.push(
        violation(`${i}.perEur`, 'must be a positive decimal (units per EUR), up to 10 decimals'),
      );
    }
    if (day && typeof currency === 'string' && typeof rate === 'string') {
      const key = `${currency}/${day}`;
      if (seen.has(key)) violations.push(violation(`${i}`, `${currency} on ${day} is listed twice`));
      seen.add(key);
      rates.push({ date: day, currency, perEur: rate });
    }
  });
  return { rates, violations };
}

/** An ISO 4217 code in use, or one the ECB published before the euro; never EUR itself (it is 1). */
function isRateCurrency(code: unknown): code is string {
  return code !== 'EUR' && (isCurrencyCode(code) || FORMER_ECB_CURRENCIES.has(code as string));
}

/** YYYY-MM-DD, for a real calendar day in the years every date of the service falls in (common/instant.ts). */
function parseDate(cell: string | undefined): string | null {
  if (!cell) return null;
  const iso = ISO_DATE.exec(cell);
  const long = LONG_DATE.exec(cell);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : long
      ? [Number(long[3]), MONTHS.indexOf(long[2]) + 1, Number(long[1])]
      : [0, 0, 0];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1) return null;
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.toISOString().slice(0, 10);
}

function violation(path: string, message: string): Violation {
  return { spec: FxRateErrors.INVALID_RATES, path, message };
}
