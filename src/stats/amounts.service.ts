import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalid } from '../common/problem';
import { AmountRow, Conversion, convertRows } from './conversion';
import { AmountStatsQuery } from './dto/stats.query';
import { StatsRepository } from './stats.repository';

export interface ConvertedAmounts {
  data: AmountRow[];
  convertTo: string;
  rateDate: string;
  /** The rate dates used per source currency: one date for latest or a fixed date, a span for announced. */
  rateDates: { currency: string; from: string; to: string; perEur?: string }[];
  /** What could not be converted, so a dashboard can say so instead of showing a smaller total. */
  unconverted: { currency: string; items: number }[];
}

/** Pledged, committed, allocated and delivered per group, from the pre-aggregated totals (docs/money.md). */
@Injectable()
export class AmountsService {
  constructor(private readonly stats: StatsRepository) {}

  async amounts(
    query: AmountStatsQuery,
    m?: EntityManager,
  ): Promise<{ data: AmountRow[] } | ConvertedAmounts> {
    const currency = query.currency ?? null;
    const today = new Date().toISOString().slice(0, 10);
    const rateDate = query.rateDate ?? 'announced';
    // `announced` reads the sums kept in EUR at each pledge's origin-day rate; the rest the native sums.
    const inEur = !!query.convertTo && rateDate === 'announced';
    const to = query.convertTo;
    if (to && rateDate === 'announced' && to !== 'EUR') {
      throw invalid(
        'rateDate',
        'announced converts to EUR only (the reference currency of the rates); use latest or a date for other currencies',
      );
    }
    // Side by side: the sums and, to convert, what is counted per currency.
    const [rows, counts] = await Promise.all([
      this.stats.amounts(query.groupBy === 'period', inEur, dimension(query.groupBy), currency, today, m),
      to ? this.stats.itemsPerCurrency(currency, m) : [],
    ]);
    if (!to) return { data: rows };

    const foreign = counts.map((c) => c.currency).filter((c) => c !== 'EUR');
    if (rateDate === 'announced') {
      // One row per key, already in cents (AMOUNTS_EUR); per period, one per currency to add up here.
      const data = query.groupBy === 'period' ? convertRows(rows, { to: 'EUR', rateDate }).data : rows;
      return {
        data: sortByKey(data),
        convertTo: to,
        rateDate,
        rateDates: counts.flatMap((d) =>
          d.currency !== 'EUR' && d.from && d.to ? [{ currency: d.currency, from: d.from, to: d.to }] : [],
        ),
        unconverted: counts
          .filter((c) => c.unconverted > 0)
          .map((c) => ({ currency: c.currency, items: c.unconverted })),
      };
    }
    const wanted = [...new Set([...foreign, ...(to === 'EUR' ? [] : [to])])];
    const rates = await this.stats.ratesOn(wanted, rateDate === 'latest' ? null : rateDate, m);
    const conversion: Conversion = {
      to,
      rateDate,
      perEur: new Map(rates.map((r) => [r.currency, r.perEur])),
    };
    const { data, unconverted } = convertRows(rows, conversion);
    return {
      data: sortByKey(data),
      convertTo: to,
      rateDate,
      rateDates: rates.map((r) => ({
        currency: r.currency,
        from: r.rateDate,
        to: r.rateDate,
        perEur: r.perEur,
      })),
      unconverted: counts
        .filter((c) => unconverted.includes(c.currency))
        .map((c) => ({ currency: c.currency, items: c.items })),
    };
  }
}

function dimension(groupBy: AmountStatsQuery['groupBy']): string {
  return groupBy === 'status' || groupBy === 'pledger' ? groupBy : 'all';
}

function sortByKey(rows: AmountRow[]): AmountRow[] {
  return rows.sort((a, b) =>
    a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1,
  );
}
