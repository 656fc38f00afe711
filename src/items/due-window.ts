/** How precise an item's due date is: "by the end of 2024" is ('2024-12-31', 'year'). */
export const DUE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
export type DuePrecision = (typeof DUE_PRECISIONS)[number];

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The last instant (UTC, millisecond precision) of the window a due date stands for: "by the
 * end of 2024" is ('2024-12-31', 'year') → 2024-12-31T23:59:59.999Z. Reminders fire then.
 * Computed as the start of the next day/month/quarter/year minus 1 ms, which gets month
 * lengths and leap years right without a table. Throws RangeError for an impossible date.
 */
export function dueWindowEnd(dueAt: string, precision: DuePrecision): Date {
  const match = DATE_ONLY.exec(dueAt);
  const [year, month, day] = match ? match.slice(1).map(Number) : [NaN, NaN, NaN];
  const date = utcDate(year, month - 1, day);
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(dueAt)}`);
  }
  const monthIndex = month - 1;
  const nextStart = {
    day: () => utcDate(year, monthIndex, day + 1),
    month: () => utcDate(year, monthIndex + 1, 1),
    quarter: () => utcDate(year, (Math.floor(monthIndex / 3) + 1) * 3, 1),
    year: () => utcDate(year + 1, 0, 1),
  }[precision]();
  return new Date(nextStart.getTime() - 1);
}

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. Overflowing months roll over. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}
