import Decimal from 'decimal.js';

/**
 * Money values (spec, Conventions): a decimal string that fits Postgres numeric(20,2) —
 * up to 18 integer digits and up to 2 fractional digits. No sign (amounts are never negative),
 * no exponent, no "+", no ".5" or "5."; and no leading zeros ("007"), which are almost always a
 * typing slip and would make two spellings of one amount. "0", "0.5" and "0.50" are fine.
 */
export const MONEY_VALUE_PATTERN = /^(?:0|[1-9]\d{0,17})(?:\.\d{1,2})?$/;

// The default precision of decimal.js is 20 significant digits, exactly numeric(20,2); a clone
// with headroom means a sum is never rounded before we check that it still fits.
const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
type Money = InstanceType<typeof Money>;

/** Exact decimals for sums and conversions (40 significant digits, half-even when rounding). */
export const ExactDecimal = Money;
export type ExactDecimal = Money;

/** Rounds to the cent, half to even (banker's rounding), and prints without trailing zeros. */
export function toCents(value: ExactDecimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed();
}

const MAX_MONEY = new Money('999999999999999999.99');

// ICU's list of currencies in use: ISO 4217 codes, without the X-codes for metals and testing.
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isMoneyValue(s: unknown): s is string {
  return typeof s === 'string' && MONEY_VALUE_PATTERN.test(s);
}

export function isCurrencyCode(s: unknown): s is string {
  return typeof s === 'string' && /^[A-Z]{3}$/.test(s) && CURRENCY_CODES.has(s);
}

/** a + b, exactly. Throws RangeError when the sum no longer fits numeric(20,2). */
export function addMoney(a: string, b: string): string {
  const sum = toMoney(a).plus(toMoney(b));
  if (sum.greaterThan(MAX_MONEY)) {
    throw new RangeError(`money sum ${sum.toFixed()} exceeds 18 integer digits`);
  }
  return sum.toFixed();
}

export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  return toMoney(a).comparedTo(toMoney(b)) as -1 | 0 | 1;
}

/**
 * The canonical string of a money value: the shortest exact decimal, without trailing
 * fractional zeros — "40000000000.00" (as Postgres returns numeric(20,2)) becomes
 * "40000000000", "12.50" becomes "12.5", "0.00" becomes "0". So the API answers with what a
 * researcher typed, whatever padding the database adds, and equal amounts are equal strings.
 */
export function normalizeMoney(s: string): string {
  return toMoney(s).toFixed();
}

/** Parses a money value; anything else is a programming error, never silently coerced. */
function toMoney(s: string): Money {
  if (!isMoneyValue(s)) throw new TypeError(`not a money value: ${JSON.stringify(s)}`);
  return new Money(s);
}
