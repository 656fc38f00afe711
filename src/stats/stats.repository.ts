import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql';
import {
  AMOUNTS,
  AMOUNTS_BY_PERIOD,
  AMOUNTS_BY_PERIOD_EUR,
  AMOUNTS_BY_PLEDGER_EUR,
  AMOUNTS_EUR,
  ITEMS_PER_CURRENCY,
  RATES_ON,
} from './amounts.queries';
import type { AmountRow } from './conversion';
import {
  ACTIVITY,
  FOLLOW_UP_COUNTS,
  STATUS_COUNTS,
  STATUS_COUNTS_AS_OF,
  STATUS_COUNTS_AS_OF_DELTAS,
  STATUS_COUNTS_LIVE,
} from './stats.queries';

/** One period of GET /activity (ACTIVITY's columns). */
export interface ActivityRow {
  period: string;
  updates: number;
  statusChanges: number;
}

/** GET /follow-ups (FOLLOW_UP_COUNTS's columns). */
export interface FollowUpCounts {
  scheduled: number;
  overdue: number;
  dueNext7Days: number;
  notified: number;
  done: number;
}

type Db = DataSource | EntityManager;

export type StatusCount = { status: string; n: number };
/** Per currency: items counted, those without an origin-day rate, and the span of origin-day rate dates. */
export type CurrencyCount = {
  currency: string;
  items: number;
  unconverted: number;
  from: string | null;
  to: string | null;
};
export type RateOn = { currency: string; rateDate: string; perEur: string };

/**
 * The dashboards' read statements (stats.queries.ts, amounts.queries.ts build them). Stats owns
 * no table it writes: it reads the trigger-kept counters and totals and, through these
 * statements only, other features' tables. Each method reads the primary, or where `m` reads
 * (the read replica, docs/scaling.md).
 */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counts per status: live or `asOf`, through the counters or, filtered, the items. */
  statusCounts(
    kind: string | null,
    filter: { tag: string | null; actorId: string | null } | null,
    asOf: Date | undefined,
    m: Db = this.db,
  ): Promise<StatusCount[]> {
    const at = asOf?.toISOString();
    const run = (sql: string, params: unknown[]) => sqlRows<StatusCount>(m, sql, params);
    if (filter) {
      const params = [kind, filter.tag, filter.actorId];
      return at ? run(STATUS_COUNTS_AS_OF, [...params, at]) : run(STATUS_COUNTS, params);
    }
    return at ? run(STATUS_COUNTS_AS_OF_DELTAS, [at, kind]) : run(STATUS_COUNTS_LIVE, [kind]);
  }

  activity(interval: string, from: Date, to: Date, m: Db = this.db): Promise<ActivityRow[]> {
    return sqlRows<ActivityRow>(m, ACTIVITY, [interval, from.toISOString(), to.toISOString()]);
  }

  async followUpCounts(m: Db = this.db): Promise<FollowUpCounts> {
    const [row] = await sqlRows<FollowUpCounts>(m, FOLLOW_UP_COUNTS);
    return row;
  }

  /** The amounts per group (`dimension`) or per period; `inEur`: the sums kept in EUR. */
  amounts(
    byPeriod: boolean,
    inEur: boolean,
    dimension: string,
    currency: string | null,
    today: string,
    m: Db = this.db,
  ) {
    if (byPeriod)
      return sqlRows<AmountRow>(m, inEur ? AMOUNTS_BY_PERIOD_EUR : AMOUNTS_BY_PERIOD, [
        null,
        currency,
        today,
      ]);
    // Every currency by pledger in EUR: the per-pledger totals, one row per pledger (docs/money.md).
    if (inEur && dimension === 'pledger' && currency === null)
      return sqlRows<AmountRow>(m, AMOUNTS_BY_PLEDGER_EUR, [today]);
    return sqlRows<AmountRow>(m, inEur ? AMOUNTS_EUR : AMOUNTS, [dimension, currency, today]);
  }

  itemsPerCurrency(currency: string | null, m: Db = this.db): Promise<CurrencyCount[]> {
    return sqlRows<CurrencyCount>(m, ITEMS_PER_CURRENCY, [currency]);
  }

  /** Each currency's rate on `rateDate` (the latest with null). */
  ratesOn(currencies: string[], rateDate: string | null, m: Db = this.db): Promise<RateOn[]> {
    return sqlRows<RateOn>(m, RATES_ON, [currencies, rateDate]);
  }
}
