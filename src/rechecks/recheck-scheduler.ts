import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { SourcesRepository } from '../sources/sources.repository';
import { RecheckService } from './recheck.service';

/** Sources claimed per pass; each is fetched in turn, so a pass stays short. */
const BATCH = 10;

/**
 * Every RECHECK_POLL_MS, when SCHEDULER_ENABLED (every API replica and `npm run worker`): the
 * fetched sources whose recheck is due are claimed (SKIP LOCKED, so each is taken by exactly one
 * replica) and rechecked one after the other.
 */
@Injectable()
export class RecheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RecheckScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Set when the application closes: a pass in progress stops after the source it is on. */
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
      for (const id of ids) {
        if (this.closing) return done;
        await this.rechecks
          .recheck(id)
          .catch((error: Error) => this.logger.warn(`recheck of source ${id} failed: ${error.message}`));
        done++;
      }
      if (ids.length < BATCH) return done;
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
