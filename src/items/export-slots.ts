import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommonErrors, ProblemError } from '../common/problem';
import { SharedCounter } from '../common/shared-counter';
import { APP_CONFIG, AppConfig } from '../config';

/** A shared slot lives this long unless its export renews it (every third of it). */
const SLOT_TTL_MS = 30_000;

const perKeyLimit = (running: number) =>
  new ProblemError(
    CommonErrors.RATE_LIMITED,
    `This API key already runs ${running} export(s), the most it may run at once; retry when it ends`,
    { retryAfter: 5 },
  );

/**
 * Bounds the exports running at once, in all (EXPORT_CONCURRENCY, on this replica) and per API
 * key (EXPORTS_PER_KEY): each holds a database connection for as long as its reader reads, so
 * stalled readers could otherwise take every connection the other requests need. With REDIS_URL
 * a key's exports are counted across replicas (slots that expire unless renewed, so a replica
 * that dies frees them); without it, or while Redis is away, each replica counts its own.
 */
@Injectable()
export class ExportSlots {
  private running = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly shared: SharedCounter,
  ) {}

  /** Takes a slot for `keyId` or throws 429; the returned function gives it back (once). */
  async acquire(keyId: string): Promise<() => void> {
    if (this.running >= this.config.EXPORT_CONCURRENCY)
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `${this.running} exports are running, the most this server runs at once; retry shortly`,
        { retryAfter: 5 },
      );
    const mine = this.byKey.get(keyId) ?? 0;
    this.running++;
    this.byKey.set(keyId, mine + 1);
    const slot = `exports:${keyId}`;
    const id = randomUUID();
    const sharedTaken = this.shared.configured
      ? await this.shared.takeSlot(slot, id, this.config.EXPORTS_PER_KEY, SLOT_TTL_MS)
      : null;
    let released = false;
    const renewal =
      sharedTaken === true
        ? setInterval(() => void this.shared.renewSlot(slot, id, SLOT_TTL_MS), SLOT_TTL_MS / 3).unref()
        : undefined;
    const release = () => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      if (sharedTaken === true) void this.shared.giveBackSlot(slot, id);
      this.running--;
      const left = (this.byKey.get(keyId) ?? 1) - 1;
      if (left > 0) this.byKey.set(keyId, left);
      else this.byKey.delete(keyId);
    };
    if (sharedTaken === false || (sharedTaken === null && mine >= this.config.EXPORTS_PER_KEY)) {
      release();
      throw perKeyLimit(sharedTaken === false ? this.config.EXPORTS_PER_KEY : mine);
    }
    return release;
  }
}
