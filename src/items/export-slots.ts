import { Inject, Injectable } from '@nestjs/common';
import { CommonErrors, ProblemError } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config';

/**
 * Bounds the exports running at once, in all (EXPORT_CONCURRENCY) and per API key
 * (EXPORTS_PER_KEY): each holds a database connection for as long as its reader reads, so
 * stalled readers could otherwise take every connection the other requests need. In memory:
 * each replica counts its own.
 */
@Injectable()
export class ExportSlots {
  private running = 0;
  private readonly byKey = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Takes a slot for `keyId` or throws 429; the returned function gives it back (once). */
  acquire(keyId: string): () => void {
    const mine = this.byKey.get(keyId) ?? 0;
    if (mine >= this.config.EXPORTS_PER_KEY)
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `This API key already runs ${mine} export(s), the most it may run at once; retry when it ends`,
        { retryAfter: 5 },
      );
    if (this.running >= this.config.EXPORT_CONCURRENCY)
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `${this.running} exports are running, the most this server runs at once; retry shortly`,
        { retryAfter: 5 },
      );
    this.running++;
    this.byKey.set(keyId, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.byKey.get(keyId) ?? 1) - 1;
      if (left > 0) this.byKey.set(keyId, left);
      else this.byKey.delete(keyId);
    };
  }
}
