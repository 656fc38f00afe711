import { locale } from './i18n';

/**
 * Numbers, dates and money in the interface's locale, through Intl: exact where a person reads
 * or types a figure (forms, titles on hover), compact where they compare (charts, lists).
 */

/** A day as the locale writes it (13 Jun 2024 / 13 juin 2024); the API's instants are UTC. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A month (`2024-07`) as the locale writes it: Jul 2024 / juil. 2024. */
export function formatMonth(period: string): string {
  const date = new Date(`${period.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export const formatNumber = (n: number): string => new Intl.NumberFormat(locale()).format(n);

function currencyFormat(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency, ...options });
  } catch {
    return null; // not a well-formed currency code: written as a number and the code
  }
}

/**
 * A decimal string exactly, every digit kept (`40 000 000 000 €`, `€40,000,000,000`). Intl formats
 * the string itself, not a float, so amounts beyond 2^53 stay exact.
 */
export function formatMoney(value: string, currency: string): string {
  const decimals = value.split('.')[1]?.length ?? 0;
  const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  const exact = value as unknown as number; // Intl.NumberFormat v3 takes decimal strings
  const format = currencyFormat(currency, digits);
  return format
    ? format.format(exact)
    : `${new Intl.NumberFormat(locale(), digits).format(exact)} ${currency}`;
}

/** The same amount to read at a glance: `40 Md €` / `€40bn`. */
export function formatMoneyCompact(value: string | number, currency: string): string {
  const compact = { notation: 'compact', maximumFractionDigits: 1 } as const;
  const n = Number(value);
  const format = currencyFormat(currency, compact);
  return format ? format.format(n) : `${new Intl.NumberFormat(locale(), compact).format(n)} ${currency}`;
}

/** The languages offered for a source (the API takes any BCP 47 tag; these cover its users). */
export const SOURCE_LANGUAGES = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pl', 'pt', 'uk', 'ru', 'ar', 'zh'];

/** `fr` → French / français, in the interface's language. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A decimal string exactly, grouped as the locale groups it (what a form shows for an amount). */
export function formatDecimal(value: string): string {
  const decimals = value.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: decimals }).format(
    value as unknown as number, // Intl.NumberFormat v3 takes decimal strings
  );
}

/** 42.5 → `42.5%` / `42,5 %`. */
export const formatPercent = (percent: number): string =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
