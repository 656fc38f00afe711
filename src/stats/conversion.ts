import { Decimal40, dividedBy, parseDecimal, plus, times, toCentsString, ZERO } from '../common/decimal40';

export const AMOUNT_FIELDS = ['pledged', 'pledgedMax', 'committed', 'allocated', 'delivered'] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

/** One row of the totals: sums in `currency`, or already in EUR (origin-day rates) for `announced`. */
export type AmountRow = { key: string | null; currency: string } & Record<AmountField, string>;

/** How to convert: EUR at each item's origin-day rate, or one rate (units per EUR) per currency. */
export type Conversion =
  | { to: 'EUR'; rateDate: 'announced' }
  | { to: string; rateDate: string; perEur: ReadonlyMap<string, string> };

/**
 * One row per key in the target currency: each currency's sums times perEur(target) / perEur(currency)
 * (cross rates through EUR) or, for `announced`, rows whose sums are already in EUR; added exactly, rounded to
 * the cent half-even once, at the end. Currencies without a rate are left out of the sums and
 * returned in `unconverted` (the caller reports them; nothing is dropped silently).
 */
export function convertRows(
  rows: AmountRow[],
  conversion: Conversion,
): { data: AmountRow[]; unconverted: string[] } {
  const unconverted = new Set<string>();
  const byKey = new Map<string | null, Record<AmountField, Decimal40>>();
  const factors = new Map<string, Factor | null>();
  for (const row of rows) {
    if (!factors.has(row.currency)) factors.set(row.currency, conversionFactor(row.currency, conversion));
    const factor = factors.get(row.currency)!;
    if (factor === null) {
      unconverted.add(row.currency);
      continue;
    }
    const sums = byKey.get(row.key) ?? byField(() => ZERO);
    for (const field of AMOUNT_FIELDS) {
      sums[field] = plus(sums[field], factor.times(parseDecimal(row[field])));
    }
    byKey.set(row.key, sums);
  }
  const data = [...byKey.entries()].map(([key, sums]) => ({
    key,
    currency: conversion.to,
    ...byField((field) => toCentsString(sums[field])),
  }));
  return { data, unconverted: [...unconverted].sort() };
}

/** perEur(target) / perEur(currency); 1 for `announced` (already EUR); null when a rate is missing. */
function conversionFactor(currency: string, conversion: Conversion): Factor | null {
  if (conversion.rateDate === 'announced' || currency === conversion.to) {
    return { times: (v) => v };
  }
  if (!('perEur' in conversion)) return null;
  const rate = (c: string) => (c === 'EUR' ? '1' : conversion.perEur.get(c));
  const [from, to] = [rate(currency), rate(conversion.to)];
  if (!from || !to) return null;
  const [fromRate, toRate] = [parseDecimal(from), parseDecimal(to)];
  return { times: (v) => dividedBy(times(v, toRate), fromRate) };
}

/**
 * Multiplies before it divides, so a quotient is cut (at 40 significant digits) only once; the
 * arithmetic of ExactDecimal (common/money.ts), on BigInt (common/decimal40.ts).
 */
interface Factor {
  times(value: Decimal40): Decimal40;
}

function byField<T>(value: (field: AmountField) => T): Record<AmountField, T> {
  return Object.fromEntries(AMOUNT_FIELDS.map((field) => [field, value(field)])) as Record<AmountField, T>;
}
