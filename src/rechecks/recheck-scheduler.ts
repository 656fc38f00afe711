import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { SourcesRepository } from '../sources/sources.repository';
import { RecheckService } from './recheck.service';

/** Sources claimed at a time (at least RECHECK_CONCURRENCY's maximum). */
const BATCH = 10;

/**
 * Every RECHECK_POLL_MS, when SCHEDULER_ENABLED (every API replica and `npm run worker`): the
 * fetched sources whose recheck is due are claimed, ten at a time (SKIP LOCKED, so each is taken
 * by exactly one replica), and rechecked RECHECK_CONCURRENCY at once: fetches overlap while the
 * reading of changed pages waits its turn on the bounded worker pool.
 */
@Injectable()
export class RecheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RecheckScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Set when the application closes: a pass in progress stops after the sources it is on. */
  private closing = false;

  constructor(
    private readonly sources: SourcesRepository,
    private readonly rechecks: RecheckService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.stopped = false;
    this.schedule(this.config.RECHECK_POLL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: every due source this replica claims is rechecked; how many were. */
  async runOnce(): Promise<number> {
    let done = 0;
    for (;;) {
      const ids = await this.sources.claimDue(BATCH, this.config.RECHECK_EVERY);
      const queue = [...ids];
      // RECHECK_CONCURRENCY lanes take the claimed ids in turn (a queue of ten needs no library).
      const lane = async () => {
        for (let id = queue.shift(); id !== undefined && !this.closing; id = queue.shift()) {
          await this.rechecks
            .recheck(id)
            .catch((error: Error) => this.logger.warn(`recheck of source ${id} failed: ${error.message}`));
          done++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.config.RECHECK_CONCURRENCY, ids.length) }, lane));
      if (this.closing || ids.length < BATCH) return done;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => undefined)
        .catch((error: Error) => this.logger.error(`recheck pass failed: ${error.message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.RECHECK_POLL_MS);
        });
    }, delayMs);
  }
}
