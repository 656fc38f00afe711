import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import { DatabaseListener } from '../../database/listener';
import { ReadReplica, ReadTarget } from '../../database/read-replica';
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
    private readonly reads: ReadReplica,
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
    return tagOf(n);
  }

  /** `tag()` when the counter is in memory (no read, no promise), else undefined. */
  peekTag(): string | undefined {
    const n = this.cache.peek('n');
    return n === undefined ? undefined : tagOf(n);
  }

  /** The tag of what `target` reads: the counter held in memory on the primary, the replica's own counter there. */
  async tagAt(target: ReadTarget): Promise<string> {
    return target.replica ? tagOf(await this.counters.total(target.manager)) : this.tag();
  }

  /**
   * A conditional GET of a list or stats response: 304 when the client holds the current tag,
   * without running `build`; else `build(m)` labelled with the tag. The URL is then answered at
   * the door (door.ts) while the tag holds: 304s, and with `remember` the same body again.
   *
   * With a read replica (ReadReplica), `build` runs where the request reads. On the replica the
   * tag is the replica's own counter, read there before the data: a tag never names a state newer
   * than the data it labels, and the door (which compares with the primary's counter) answers
   * only what is still current. A client holding a tag newer than the replica's counter (it read
   * the primary or another replica) is answered from the primary, so it never goes back in time.
   */
  async respond<T>(
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
    build: (m: EntityManager) => Promise<T>,
    { remember = false } = {},
  ): Promise<T | undefined> {
    if (!this.reads.enabled)
      return this.answer(ifNoneMatch, reply, this.peekTag() ?? (await this.tag()), build, remember);
    let target: ReadTarget = await this.reads.target(reply.request);
    if (target.replica) {
      try {
        const n = await this.counters.total(target.manager);
        if (!holdsNewer(ifNoneMatch, BigInt(n)))
          return await this.answer(ifNoneMatch, reply, tagOf(n), build, remember, target);
      } catch (error) {
        // The replica did not answer: the primary's tag and data instead (newer, never older).
        if (!this.reads.unavailable(error)) throw error;
      }
      target = this.reads.primaryRead;
    }
    const result = await this.answer(ifNoneMatch, reply, await this.tag(), build, remember, target);
    await this.reads.readFromPrimary(reply.request, target);
    return result;
  }

  private answer<T>(
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
    tag: string,
    build: (m: EntityManager) => Promise<T>,
    remember: boolean,
    target: ReadTarget = this.reads.primaryRead,
  ): Promise<T | undefined> | undefined {
    setValidators(reply, tag);
    markCounterTagged(reply, tag, remember);
    return ifNoneMatchHolds(ifNoneMatch, tag) ? notModified(reply) : build(target.manager);
  }
}

function tagOf(n: string | null): string {
  return `"${n}-${utcDay()}"`;
}

/** Today's UTC date (YYYY-MM-DD), formatted once a day rather than once a request. */
let day = { text: '', until: 0 };
function utcDay(): string {
  const now = Date.now();
  if (now >= day.until) {
    const at = new Date(now);
    const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
    day = { text: at.toISOString().slice(0, 10), until: next };
  }
  return day.text;
}

/** Whether If-None-Match names a counter tag past `n` (a state the replica has not replayed yet). */
function holdsNewer(ifNoneMatch: string | undefined, n: bigint): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((entry) => {
    const held = /^\s*(?:W\/)?"(\d{1,30})-/.exec(entry)?.[1];
    return held !== undefined && BigInt(held) > n;
  });
}
