import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ProblemError } from '../common/problem';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { APP_CONFIG, AppConfig } from '../config';
import { FxRateErrors } from './fx-rates.errors';
import { PreparedRates, prepareRates, RateBatch } from './fx-rates.prepare';

/** Audit entries need an entity id: the rates table as a whole has this one. */
const RATES_ENTITY_ID = '00000000-0000-0000-0000-000000000000';
/** A CSV this short (or a JSON array this long) is parsed on the event loop: a thread would cost more than it saves. */
const INLINE_CSV_CHARS = 64 * 1024;
const INLINE_JSON_RATES = 2_000;

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

/** Upserts one batch; identical rows are left alone, so a reload changes nothing. */
const UPSERT = `
  INSERT INTO fx_rates AS f (currency, rate_date, per_eur)
  SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[]) ORDER BY 1, 2
  ON CONFLICT (currency, rate_date) DO UPDATE SET per_eur = excluded.per_eur, loaded_at = now()
    WHERE f.per_eur <> excluded.per_eur
  RETURNING trim(f.currency) AS currency, f.rate_date::text AS "rateDate", (xmax = 0) AS inserted`;

/** Re-values, in one statement, the pledges whose origin-day rate is one of the changed rates (migrations/…-MoneyRevalue.ts). */
const REVALUE = `SELECT pw_revalue_money($1::text[], $2::date[]) AS n`;

type BatchResult = { inserted: number; updated: number; itemsRevalued: number };

@Injectable()
export class FxRatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Parses, validates and batches a file: on a worker thread unless it is small. Writes nothing. */
  async prepare(file: { csv: string } | { json: unknown }): Promise<PreparedRates> {
    const input = { ...file, maxRates: this.config.FX_MAX_RATES, batchSize: this.config.FX_BATCH_SIZE };
    const small =
      'csv' in file
        ? file.csv.length <= INLINE_CSV_CHARS
        : !Array.isArray(file.json) || file.json.length <= INLINE_JSON_RATES;
    return small ? prepareRates(input) : this.pool.run('prepareRates', input);
  }

  /**
   * Writes the batches, each in its own transaction with its own audit entry, so the money lock
   * is held for one batch at a time and item writes with amounts run between batches. A load cut
   * short (a lost database) leaves whole batches; loading the same file again completes it.
   */
  async load(rates: PreparedRates, by: string): Promise<LoadResult> {
    if (rates.received === 0) throw new ProblemError(FxRateErrors.EMPTY, 'The body holds no rate');
    const total: BatchResult = { inserted: 0, updated: 0, itemsRevalued: 0 };
    for (const [index, batch] of rates.batches.entries()) {
      const done = await this.db.transaction((m) =>
        this.writeBatch(m, batch, by, { batch: index + 1, of: rates.batches.length }),
      );
      total.inserted += done.inserted;
      total.updated += done.updated;
      total.itemsRevalued += done.itemsRevalued;
    }
    return {
      received: rates.received,
      ...total,
      unchanged: rates.received - total.inserted - total.updated,
      currencies: rates.currencies,
      from: rates.from,
      to: rates.to,
    };
  }

  private async writeBatch(
    m: EntityManager,
    batch: RateBatch,
    by: string,
    position: { batch: number; of: number },
  ): Promise<BatchResult> {
    await m.query(MONEY_LOCK);
    const changed: { currency: string; rateDate: string; inserted: boolean }[] = await m.query(UPSERT, [
      batch.currencies,
      batch.dates,
      batch.perEur,
    ]);
    const [{ n: itemsRevalued }]: { n: number }[] = await m.query(REVALUE, [
      changed.map((c) => c.currency),
      changed.map((c) => c.rateDate),
    ]);
    const inserted = changed.filter((c) => c.inserted).length;
    const result = { inserted, updated: changed.length - inserted, itemsRevalued };
    if (changed.length > 0) {
      await this.audit.record(m, {
        actor: by,
        action: 'fx_rates.load',
        entityType: 'fx_rates',
        entityId: RATES_ENTITY_ID,
        change: { received: batch.count, ...result, unchanged: batch.count - changed.length, ...position },
      });
    }
    return result;
  }
}
