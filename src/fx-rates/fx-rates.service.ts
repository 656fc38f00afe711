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
  /** Pledges whose origin-day EUR rate changed (a new or changed rate is now the one on or before their origin day). */
  itemsRevalued: number;
}

/**
 * The money writers' lock (the one `pw_refresh_money` takes), taken first, as an item write takes
 * it at its first money change: the load locks no item (money rows are written only under this
 * lock), and rate rows are locked in key order, so two loads cannot deadlock either.
 */
const MONEY_LOCK = `SELECT pg_advisory_xact_lock(hashtext('pw_refresh_money'))`;

/** Upserts rates in one transaction; identical rows are left alone, so a reload changes nothing. */
const UPSERT = `
  INSERT INTO fx_rates AS f (currency, rate_date, per_eur)
  SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[]) ORDER BY 1, 2
  ON CONFLICT (currency, rate_date) DO UPDATE SET per_eur = excluded.per_eur, loaded_at = now()
    WHERE f.per_eur <> excluded.per_eur
  RETURNING trim(f.currency) AS currency, f.rate_date::text AS "rateDate", (xmax = 0) AS inserted`;

/** Re-values, in one statement, the pledges whose origin-day rate is one of the changed rates (migrations/…-MoneyRevalue.ts). */
const REVALUE = `SELECT pw_revalue_money($1::text[], $2::date[]) AS n`;

@Injectable()
export class FxRatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async load(rates: FxRate[], by: string): Promise<LoadResult> {
    if (rates.length === 0) throw new ProblemError(FxRateErrors.EMPTY, 'The body holds no rate');
    return this.db.transaction(async (m) => {
      await m.query(MONEY_LOCK);
      const changed: { currency: string; rateDate: string; inserted: boolean }[] = await m.query(UPSERT, [
        rates.map((r) => r.currency),
        rates.map((r) => r.date),
        rates.map((r) => r.perEur),
      ]);
      const [{ n: revalued }]: { n: number }[] = await m.query(REVALUE, [
        changed.map((c) => c.currency),
        changed.map((c) => c.rateDate),
      ]);
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
        itemsRevalued: revalued,
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
