/**
 * ISO 8601 durations for repeating follow-ups (`P3M`, `P1Y`, `P2W`, `P1DT12H`), and calendar
 * arithmetic on them in UTC. Months and years are calendar units: 31 January + P1M is the last
 * day of February, not 3 March.
 */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO_DURATION =
  /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/;

/** The shortest repeat accepted: a reminder every few seconds is a mistake, not a schedule. */
export const MIN_REPEAT_MS = 60 * 60 * 1000;

/** Parses `PnYnMnWnDTnHnMnS` (integers only); null for anything else, including `P` and `PT`. */
export function parseDuration(text: string): Duration | null {
  const match = ISO_DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((v) => (v === undefined ? 0 : Number(v)));
  return { years, months, weeks, days, hours, minutes, seconds };
}

/** `at` plus `d`, calendar units first (clamped to the month's last day), then exact time. */
export function addDuration(at: Date, d: Duration): Date {
  const monthsToAdd = d.years * 12 + d.months;
  const result = new Date(at.getTime());
  if (monthsToAdd !== 0) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + monthsToAdd);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(result.getTime() + ms);
}

/** Why a repeatEvery value is refused, or null when it is a usable repeat. */
export function repeatProblem(text: string): string | null {
  const d = parseDuration(text);
  if (!d) return 'must be an ISO 8601 duration such as P3M, P1W or P1DT12H';
  const probe = new Date(Date.UTC(2001, 1, 28));
  if (addDuration(probe, d).getTime() - probe.getTime() < MIN_REPEAT_MS)
    return 'must be at least one hour (PT1H)';
  return null;
}

/**
 * The next occurrence of a repeating follow-up: its previous due time plus n repeats, the
 * smallest n that lies after `now`, so one completed late does not fire a backlog of past
 * reminders. Each candidate is counted from the original due time (n × P1M from 31 January keeps
 * to month ends); the search starts at a lower bound (every month taken as 31 days) so a repeat
 * far in the past costs a few steps, not thousands.
 */
export function nextOccurrence(previousDue: Date, repeat: Duration, now: Date): Date {
  const longest =
    ((repeat.years * 366 + repeat.months * 31 + repeat.weeks * 7 + repeat.days) * 24 + repeat.hours) *
      3_600_000 +
    repeat.minutes * 60_000 +
    repeat.seconds * 1000;
  let n = Math.max(1, Math.floor((now.getTime() - previousDue.getTime()) / longest));
  let next = addDuration(previousDue, scale(repeat, n));
  while (next.getTime() <= now.getTime()) next = addDuration(previousDue, scale(repeat, ++n));
  return next;
}

function scale(d: Duration, n: number): Duration {
  return {
    years: d.years * n,
    months: d.months * n,
    weeks: d.weeks * n,
    days: d.days * n,
    hours: d.hours * n,
    minutes: d.minutes * n,
    seconds: d.seconds * n,
  };
}
