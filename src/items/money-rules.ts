import { compareMoney } from '../common/money';
import { PERIOD_SHAPE, periodDays } from '../common/periods';
import { Violation } from '../common/problem';
import { ItemErrors } from './items.errors';
import type { Qualifier, Recurrence } from './status-scales';

/** An amount as the API takes it: a range is `between` value and valueMax. */
export interface AmountInput {
  value: string;
  currency: string;
  qualifier?: Qualifier;
  valueMax?: string;
}

export interface ScheduleEntry {
  period: string;
  amount: AmountInput;
}

/** What the money rules look at; `null` and `undefined` both mean "not given". */
export interface MoneyShape {
  amount?: AmountInput | null;
  schedule?: ScheduleEntry[] | null;
  recurrence?: Recurrence | null;
  periodStart?: string | null;
  periodEnd?: string | null;
}

/** Every money rule an item breaks (docs/money.md): ranges, schedules and their periods. */
export function moneyViolations(item: MoneyShape): Violation[] {
  const out: Violation[] = [];
  if (item.amount) out.push(...rangeViolations(item.amount, 'amount'));
  if (!item.schedule) return out;
  if (item.amount) {
    out.push(violation('schedule', 'an item has either amount or schedule, not both'));
  }
  const shape = item.recurrence ? PERIOD_SHAPE[item.recurrence] : undefined;
  if (!shape) {
    out.push(violation('recurrence', 'a schedule needs recurrence annual, quarterly or monthly'));
  }
  const currency = item.schedule[0]?.amount.currency;
  const seen = new Set<string>();
  item.schedule.forEach((entry, i) => {
    const path = `schedule.${i}`;
    out.push(...rangeViolations(entry.amount, `${path}.amount`));
    if (entry.amount.currency !== currency) {
      out.push(
        violation(
          `${path}.amount.currency`,
          `must be ${currency}, like the first entry: one currency per schedule`,
        ),
      );
    }
    if (shape && !shape.pattern.test(entry.period)) {
      out.push(
        violation(`${path}.period`, `a ${item.recurrence} schedule names periods like ${shape.example}`),
      );
    } else if (seen.has(entry.period)) {
      out.push(violation(`${path}.period`, `${entry.period} is listed twice`));
    } else if (outsidePeriod(entry.period, item.periodStart, item.periodEnd)) {
      out.push(
        violation(
          `${path}.period`,
          `${entry.period} lies outside the pledge's period ${item.periodStart ?? '…'} – ${item.periodEnd ?? '…'}`,
        ),
      );
    }
    seen.add(entry.period);
  });
  return out;
}

/** `between` needs valueMax above value; valueMax belongs to `between` only. */
function rangeViolations(amount: AmountInput, path: string): Violation[] {
  if (amount.qualifier === 'between') {
    if (amount.valueMax === undefined || amount.valueMax === null) {
      return [violation(`${path}.valueMax`, 'a range (qualifier between) needs valueMax')];
    }
    if (compareMoney(amount.valueMax, amount.value) <= 0) {
      return [violation(`${path}.valueMax`, `must be greater than value (${amount.value})`)];
    }
    return [];
  }
  if (amount.valueMax !== undefined && amount.valueMax !== null) {
    return [violation(`${path}.valueMax`, 'belongs to ranges only (qualifier between)')];
  }
  return [];
}

function outsidePeriod(period: string, start?: string | null, end?: string | null): boolean {
  const { first, last } = periodDays(period);
  return (!!start && last < start) || (!!end && first > end);
}

function violation(path: string, message: string): Violation {
  return { spec: ItemErrors.INVALID_MONEY, path, message };
}

/** The currency an item's money is in: its amount's, else its schedule's. */
export function moneyCurrency(item: MoneyShape): string | null {
  return item.amount?.currency ?? item.schedule?.[0]?.amount.currency ?? null;
}

/** The schedule as stored and shown: every entry's qualifier spelled out, valueMax only on ranges. */
export function storedSchedule(schedule: ScheduleEntry[] | null | undefined): ScheduleEntry[] | null {
  if (!schedule) return null;
  return schedule.map(({ period, amount }) => ({
    period,
    amount: {
      value: amount.value,
      currency: amount.currency,
      qualifier: amount.qualifier ?? 'exactly',
      ...(amount.valueMax ? { valueMax: amount.valueMax } : {}),
    },
  }));
}
