import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlRun } from '../database/sql';
import { RateBatch } from './fx-rates.prepare';

/**
 * The money writers' lock (the one `pw_refresh_money` takes), taken first, as an item write takes
 * it at its first money change: the load locks no item (money rows are written only under this
 * lock), and rate rows are locked in key order, so two loads cannot deadlock either.
 */
const MONEY_LOCK = `SELECT pg_advisory_xact_lock(hashtext('pw_refresh_money'))`;

/** Upserts one batch; identical rows are left alone, so a reload changes nothing. */
const UPSERT = `
  INSERT INTO fx_rates AS f (currency, rate_date, per_eur)
  SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[]) ORDER BY 1, 2
  ON CONFLICT (currency, rate_date) DO UPDATE SET per_eur = excluded.per_eur, loaded_at = now()
    WHERE f.per_eur <> excluded.per_eur
  RETURNING trim(f.currency) AS currency, f.rate_date::text AS "rateDate", (xmax = 0) AS inserted`;

/** Re-values, in one statement, the pledges whose origin-day rate is one of the changed rates (migrations/…-MoneyRevalue.ts). */
const REVALUE = `SELECT pw_revalue_money($1::text[], $2::date[]) AS n`;

/** A rate the upsert inserted or changed. */
export type ChangedRate = { currency: string; rateDate: string; inserted: boolean };

/**
 * Every write to `fx_rates`, in the caller's transaction. The stats read the rates in their own
 * statements (stats/amounts.queries.ts).
 */
@Injectable()
export class FxRatesRepository {
  async lockMoney(m: EntityManager): Promise<void> {
    await sqlRun(m, MONEY_LOCK);
  }

  upsert(m: EntityManager, batch: RateBatch): Promise<ChangedRate[]> {
    return sqlRows<ChangedRate>(m, UPSERT, [batch.currencies, batch.dates, batch.perEur]);
  }

  /** `pw_revalue_money`, the database function that re-values items' money columns: how many pledges it changed. */
  async revalue(m: EntityManager, changed: ChangedRate[]): Promise<number> {
    const row = await sqlRow<{ n: number }>(m, REVALUE, [
      changed.map((c) => c.currency),
      changed.map((c) => c.rateDate),
    ]);
    return row?.n ?? 0;
  }
}
