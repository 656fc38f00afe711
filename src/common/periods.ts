/** Calendar periods as the API names them: "2024", "2024-Q3", "2024-07". */

/** Any period: a year, a quarter or a month (1900–2099). */
export const PERIOD_PATTERN = /^(19|20)\d{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

/** The period names a recurring commitment counts by. */
export const PERIOD_SHAPE: Record<string, { pattern: RegExp; example: string }> = {
  annual: { pattern: /^\d{4}$/, example: '2024' },
  quarterly: { pattern: /^\d{4}-Q[1-4]$/, example: '2024-Q3' },
  monthly: { pattern: /^\d{4}-\d{2}$/, example: '2024-07' },
};

/** The first and last day of a period (`YYYY-MM-DD`); the period must match PERIOD_PATTERN. */
export function periodDays(period: string): { first: string; last: string } {
  const year = Number(period.slice(0, 4));
  const [firstMonth, months] = period.includes('-Q')
    ? [3 * (Number(period.slice(6)) - 1) + 1, 3]
    : period.length === 7
      ? [Number(period.slice(5)), 1]
      : [1, 12];
  const last = new Date(Date.UTC(year, firstMonth - 1 + months, 0));
  const pad = (n: number) => String(n).padStart(2, '0');
  return { first: `${year}-${pad(firstMonth)}-01`, last: last.toISOString().slice(0, 10) };
}

/** English month names, as due windows are written ("June 2024") and as the ECB's daily file dates rates. */
export const MONTHS: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
