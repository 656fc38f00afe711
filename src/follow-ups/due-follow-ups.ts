import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SqlRunner } from '../database/sql';
import { FollowUpsRepository } from './follow-ups.repository';

/**
 * Turns up to `limit` due follow-ups into `follow_up.due` events, in one statement and so one
 * transaction: rows are locked with SKIP LOCKED (a replica never waits for, or takes, a row
 * another replica holds), flipped from scheduled to notified, audited, and written to the
 * outbox. A follow-up leaves `scheduled` exactly when its event exists, so however many
 * replicas run this, and whichever of them crashes, each due follow-up yields one event.
 * Returns the ids of the events it wrote. The audit row and the `follow_up.due` payload
 * (EventPayloads) are built in this statement, so the whole batch is one round trip (after a probe
 * for any due one). The events are written already dispatched: the caller fans them out in the
 * same transaction (OutboxDispatcher.dispatchNew).
 */
@Injectable()
export class DueFollowUps {
  constructor(private readonly followUps: FollowUpsRepository) {}

  async notify(m: EntityManager, limit: number): Promise<string[]> {
    // The UPDATE in notifyDue fires follow_ups' statement trigger, which moves every list's and
    // stats' ETag, even when it changes no row: a pass that finds nothing due must not run it.
    if (!(await this.followUps.anyDue(m))) return [];
    return (await this.followUps.notifyDue(m, limit)).map((e) => e.id);
  }

  /** Milliseconds until the soonest scheduled follow-up comes due (≤ 0: now), null when none is. */
  msUntilNext(db: SqlRunner): Promise<number | null> {
    return this.followUps.msUntilNextDue(db);
  }
}
