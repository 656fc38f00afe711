import { randomUUID } from 'node:crypto';
import { SharedCounter } from './shared-counter';

/** A shared slot lives this long unless its holder renews it (every third of it). */
const SLOT_TTL_MS = 30_000;

/** A slot taken (`release` gives it back, once), or all `limit` slots held (`held` of them). */
export type SlotTaken = { release: () => void } | { release?: undefined; held: number };

/**
 * At most `limit` things at once per API key — the exports a key runs, its candidate extractions.
 * With REDIS_URL they are counted across replicas (SharedCounter slots that expire unless renewed,
 * so a replica that dies frees them); without it, or while Redis is away, each replica counts its
 * own. `name` keeps one kind of slot apart from another in Redis.
 */
export class KeySlots {
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly shared: SharedCounter,
    private readonly name: string,
    private readonly limit: number,
  ) {}

  async take(key: string): Promise<SlotTaken> {
    const mine = this.byKey.get(key) ?? 0;
    this.byKey.set(key, mine + 1);
    const slot = `${this.name}:${key}`;
    const id = randomUUID();
    const sharedTaken = this.shared.configured
      ? await this.shared.takeSlot(slot, id, this.limit, SLOT_TTL_MS)
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
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left > 0) this.byKey.set(key, left);
      else this.byKey.delete(key);
    };
    if (sharedTaken === false || (sharedTaken === null && mine >= this.limit)) {
      release();
      return { held: sharedTaken === false ? this.limit : mine };
    }
    return { release };
  }
}
