/**
 * The money a bench pledge carries beyond one amount (docs/money.md), drawn from its own random
 * stream so every other column stays what it was for the same seed: ranges (15 % of amounts),
 * annual schedules of 2–7 years (30 % of annual pledges), recurring pledges with an end (30 %),
 * non-money targets (20 % of commitments without money), and a stage on each money progress
 * update (committed, allocated or delivered) or an `achieved` figure for targets.
 */
export interface Draws {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export interface PlannedMoney {
  amount: string | null;
  qualifier: string | null;
  valueMax: string | null;
  schedule: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  target: { value: string; unit: string; label: string | null } | null;
}

const UNITS = ['percent_of_gdp', 'percent', 'count'] as const;
const STAGES = ['committed', 'allocated', 'delivered', 'delivered'] as const;

export function planMoney(
  m: Draws,
  pledge: {
    commitment: boolean;
    amount: string | null;
    qualifier: string | null;
    recurrence: string | null;
    periodStart: string | null;
    start: Date;
  },
): PlannedMoney {
  const planned: PlannedMoney = { ...pledge, valueMax: null, schedule: null, periodEnd: null, target: null };
  if (!pledge.amount) {
    if (pledge.commitment && m.chance(0.2)) {
      const unit = m.pick(UNITS);
      planned.target = { value: String(1 + m.int(100)), unit, label: unit === 'count' ? 'units' : null };
    }
    return planned;
  }
  const year = (pledge.periodStart ? new Date(pledge.periodStart) : pledge.start).getUTCFullYear();
  if (pledge.recurrence === 'annual' && m.chance(0.3)) {
    const years = 2 + m.int(6);
    const entries = Array.from({ length: years }, (_, k) => ({
      period: String(year + k),
      amount: { value: String(Number(pledge.amount) * (1 + m.int(4))), currency: '', qualifier: 'exactly' },
    }));
    return {
      ...planned,
      amount: null,
      qualifier: null,
      periodStart: `${year}-01-01`,
      periodEnd: `${year + years - 1}-12-31`,
      schedule: JSON.stringify(entries),
    };
  }
  if (m.chance(0.15)) {
    planned.qualifier = 'between';
    planned.valueMax = String((Number(pledge.amount) * (11 + m.int(10))) / 10);
  }
  if (pledge.recurrence && pledge.recurrence !== 'once' && m.chance(0.3)) {
    planned.periodStart ??= pledge.start.toISOString().slice(0, 10);
    planned.periodEnd = `${year + 1 + m.int(5)}-12-31`;
  }
  return planned;
}

/** The schedule's currency is the pledge's: filled in once the currency is drawn. */
export function withCurrency(schedule: string | null, currency: string | null): string | null {
  return schedule && currency ? schedule.replaceAll('"currency":""', `"currency":"${currency}"`) : schedule;
}

export function planProgress(
  m: Draws,
  update: { delivered: string | null; statusless: boolean },
  target: PlannedMoney['target'],
): { stage: string; achieved: string | null; achievedUnit: string | null } {
  const stage = update.delivered ? m.pick(STAGES) : 'delivered';
  const achieved =
    target && update.statusless && m.chance(0.3) ? String(m.int(Number(target.value) + 1)) : null;
  return { stage, achieved, achievedUnit: achieved ? target!.unit : null };
}
