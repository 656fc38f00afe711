import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ProblemError } from '../common/problem';
import { FxRateErrors } from './fx-rates.errors';
import { FxRate } from './fx-rates.parse';

/** Audit entries need an entity id: the rates table as a whole has this one. */
const RATES_ENTITY_ID = '00000000-0000-0000-0000-000000000000';

export interface LoadResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  currencies: string[];
  from: string;
  to: string;
  /** Pledges whose EUR value at their origin date was recomputed because a rate they use changed. */
  itemsRevalued: number;
}

/** Upserts rates in one transaction; identical rows are left alone, so a reload changes nothing. */
const UPSERT = `
  INSERT INTO fx_rates AS f (currency, rate_date, per_eur)
  SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[])
  ON CONFLICT (currency, rate_date) DO UPDATE SET per_eur = excluded.per_eur, loaded_at = now()
    WHERE f.per_eur <> excluded.per_eur
  RETURNING trim(f.currency) AS currency, f.rate_date::text AS "rateDate", (xmax = 0) AS inserted`;

/** Pledges in a changed currency dated on or after its earliest changed rate: their origin-day rate may be another now. */
const AFFECTED_ITEMS = `
  SELECT i.id FROM items i
  WHERE i.id IN (SELECT m.item_id FROM money_items m
                 JOIN unnest($1::text[], $2::date[]) c(currency, since) ON m.currency = c.currency::bpchar AND m.origin_day >= c.since)
  ORDER BY i.id FOR UPDATE`;

@Injectable()
export class FxRatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async load(rates: FxRate[], by: string): Promise<LoadResult> {
    if (rates.length === 0) throw new ProblemError(FxRateErrors.EMPTY, 'The body holds no rate');
    return this.db.transaction(async (m) => {
      const changed: { currency: string; rateDate: string; inserted: boolean }[] = await m.query(UPSERT, [
        rates.map((r) => r.currency),
        rates.map((r) => r.date),
        rates.map((r) => r.perEur),
      ]);
      const since = new Map<string, string>();
      for (const c of changed) {
        if (!since.has(c.currency) || c.rateDate < since.get(c.currency)!) since.set(c.currency, c.rateDate);
      }
      // Lock the pledges first, in id order, as every other writer does, then recompute their EUR value.
      const affected: { id: string }[] = await m.query(AFFECTED_ITEMS, [
        [...since.keys()],
        [...since.values()],
      ]);
      for (const { id } of affected) await m.query(`SELECT pw_refresh_money($1)`, [id]);
      const inserted = changed.filter((c) => c.inserted).length;
      const dates = rates.map((r) => r.date).sort();
      const result: LoadResult = {
        received: rates.length,
        inserted,
        updated: changed.length - inserted,
        unchanged: rates.length - changed.length,
        currencies: [...new Set(rates.map((r) => r.currency))].sort(),
        from: dates[0],
        to: dates[dates.length - 1],
        itemsRevalued: affected.length,
      };
      if (changed.length > 0) {
        await this.audit.record(m, {
          actor: by,
          action: 'fx_rates.load',
          entityType: 'fx_rates',
          entityId: RATES_ENTITY_ID,
          change: { ...result },
        });
      }
      return result;
    });
  }
}
