import { ListenerSubscriber } from '../database/listener';

interface Entry<V> {
  value: V;
  expires: number;
}

/**
 * An in-memory cache that a database notification invalidates (see DatabaseListener), with a
 * short expiry as the fallback. It caches only while `trusted()` says the notifications are
 * flowing. A load that started before an invalidation is not cached, since it may have read
 * the state from before the change: each invalidation bumps `generation`.
 */
export class NotifiedCache<V> implements ListenerSubscriber {
  private readonly entries = new Map<string, Entry<V>>();
  private generation = 0;

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      trusted: () => boolean;
      /** The key a notification's payload invalidates; undefined: everything. */
      keyOf?: (payload: string) => string | undefined;
    },
  ) {}

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** The cached value when one is kept, fresh and trusted; never loads. */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > Date.now() && this.options.trusted() ? hit.value : undefined;
  }

  /** The cached value, else `load()`'s (cached unless it is null or an invalidation raced it). */
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const generation = this.generation;
    const value = await load();
    if (value !== null && generation === this.generation && this.options.trusted() && this.enabled) {
      if (this.entries.size >= this.options.maxEntries)
        this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expires: Date.now() + this.options.ttlMs });
    }
    return value;
  }

  invalidate(key?: string): void {
    this.generation++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  notified(payload: string): void {
    this.invalidate(this.options.keyOf?.(payload));
  }

  reset(): void {
    this.invalidate();
  }
}
