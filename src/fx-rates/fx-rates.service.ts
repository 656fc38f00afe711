import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ProblemError } from '../common/problem';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { APP_CONFIG, AppConfig } from '../config';
import { FxRateErrors } from './fx-rates.errors';
import { FxRatesRepository } from './fx-rates.repository';
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

type BatchResult = { inserted: number; updated: number; itemsRevalued: number };

@Injectable()
export class FxRatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rates: FxRatesRepository,
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
    // The money lock first: see FxRatesRepository.lockMoney.
    await this.rates.lockMoney(m);
    const changed = await this.rates.upsert(m, batch);
    const itemsRevalued = await this.rates.revalue(m, changed);
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
