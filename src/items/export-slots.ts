import { Inject, Injectable } from '@nestjs/common';
import { KeySlots } from '../common/key-slots';
import { CommonErrors, ProblemError } from '../common/problem';
import { SharedCounter } from '../common/shared-counter';
import { APP_CONFIG, AppConfig } from '../config';

/**
 * Bounds the exports running at once, in all (EXPORT_CONCURRENCY, on this replica) and per API
 * key (EXPORTS_PER_KEY): each holds a database connection for as long as its reader reads, so
 * stalled readers could otherwise take every connection the other requests need. With REDIS_URL
 * a key's exports are counted across replicas (KeySlots); without it, or while Redis is away,
 * each replica counts its own.
 */
@Injectable()
export class ExportSlots {
  private running = 0;
  private readonly perKey: KeySlots;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    shared: SharedCounter,
  ) {
    this.perKey = new KeySlots(shared, 'exports', config.EXPORTS_PER_KEY);
  }

  /** Takes a slot for `keyId` or throws 429; the returned function gives it back (once). */
  async acquire(keyId: string): Promise<() => void> {
    if (this.running >= this.config.EXPORT_CONCURRENCY)
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `${this.running} exports are running, the most this server runs at once; retry shortly`,
        { retryAfter: 5 },
      );
    this.running++;
    const slot = await this.perKey.take(keyId);
    if (!slot.release) {
      this.running--;
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `This API key already runs ${slot.held} export(s), the most it may run at once; retry when it ends`,
        { retryAfter: 5 },
      );
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      slot.release();
    };
  }
}
