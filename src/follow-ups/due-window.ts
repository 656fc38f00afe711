import { dueWindowEnd, DuePrecision } from '../items/due-window';
import { MONTHS } from '../common/periods';

/** How people say a due window: `2024-12-31`, `December 2024`, `Q4 2024`, `2024`. */
export function dueWindowLabel(dueAt: string, precision: DuePrecision): string {
  const [year, month] = dueAt.split('-').map(Number);
  if (precision === 'year') return String(year);
  if (precision === 'quarter') return `Q${Math.ceil(month / 3)} ${year}`;
  if (precision === 'month') return `${MONTHS[month - 1]} ${year}`;
  return dueAt;
}

/** What a follow-up's reminder is about, in time. */
export type FollowUpTiming =
  /** A commitment's own follow-up at the end of its day, month, quarter or year window: a whole day, the window's last. */
  { allDay: true; date: string; window: string } | { allDay: false; at: Date };

/**
 * An automatic follow-up that still sits at the end of its item's window stands for the window
 * ("by the end of 2024", "by 14 June"), not for the instant 23:59:59.999 UTC: it is an all-day
 * event on the window's last day, day precision included (as an instant, a 14 June deadline
 * would show on 15 June at 01:59 in Paris). Anything else (a snoozed or hand-made follow-up) is
 * the instant it is due.
 */
export function followUpTiming(f: {
  dueAt: Date;
  automatic: boolean;
  itemDueAt: string | null;
  duePrecision: DuePrecision;
}): FollowUpTiming {
  if (f.automatic && f.itemDueAt) {
    const end = dueWindowEnd(f.itemDueAt, f.duePrecision);
    if (end.getTime() === f.dueAt.getTime())
      return {
        allDay: true,
        date: end.toISOString().slice(0, 10),
        window: dueWindowLabel(f.itemDueAt, f.duePrecision),
      };
  }
  return { allDay: false, at: f.dueAt };
}
