import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DatabaseListener } from '../../database/listener';
import { NotifiedCache } from '../notified-cache';
import { ChangeCountersRepository } from './change-counters.repository';
import { ifNoneMatchHolds, notModified, setValidators } from './conditional-get';
import { markCounterTagged } from './door';

/** Triggers notify this channel when a write to a counted table commits (migration ChangeNotifications). */
export const CHANGES_CHANNEL = 'pw_changes';
/** A fallback only: notifications normally reset the cached counter within milliseconds. */
const COUNTER_TTL_MS = 5000;

/**
 * The ETag of lists and stats: the trigger-kept change counter, held in memory until a write
 * is notified. It is read before the query it labels, so a response may be newer than its tag
 * (the next poll then gets a 200 it could have been spared), never older. Another replica's write
 * reaches this one's tag when its notification arrives, milliseconds after the commit. The UTC date is part
 * of it because recurring pledges count one more period as days pass.
 */
@Injectable()
export class ChangeCounter implements OnModuleInit {
  private readonly cache: NotifiedCache<string>;

  constructor(
    private readonly counters: ChangeCountersRepository,
    private readonly listener: DatabaseListener,
  ) {
    this.cache = new NotifiedCache<string>({
      ttlMs: COUNTER_TTL_MS,
      maxEntries: 1,
      trusted: () => listener.listening,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.subscribe(CHANGES_CHANNEL, this.cache);
  }

  /**
   * Called as each write request of this replica answers (before its response goes out), so its
   * own client never gets a 304 for what it just changed, even before the notification arrives.
   */
  forget(): void {
    this.cache.invalidate();
  }

  async tag(): Promise<string> {
    const n = await this.cache.get('n', () => this.counters.total());
    return `"${n}-${new Date().toISOString().slice(0, 10)}"`;
  }

  /**
   * A conditional GET of a list or stats response: 304 when the client holds the current tag,
   * without running `build`; else `build()` labelled with the tag. The URL is then answered at
   * the door (door.ts) while the tag holds: 304s, and with `remember` the same body again.
   */
  async respond<T>(
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
    build: () => Promise<T>,
    { remember = false } = {},
  ): Promise<T | undefined> {
    const tag = await this.tag();
    setValidators(reply, tag);
    markCounterTagged(reply, tag, remember);
    return ifNoneMatchHolds(ifNoneMatch, tag) ? notModified(reply) : build();
  }
}
