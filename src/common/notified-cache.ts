import { ListenerSubscriber } from '../database/listener';

interface Entry<V> {
  value: V;
  expires: number;
}

/** A load under way, and the generation it started in. */
interface Loading<V> {
  value: Promise<V | null>;
  generation: number;
}

/**
 * An in-memory cache that a database notification invalidates (see DatabaseListener), with a
 * short expiry as the fallback. It caches only while `trusted()` says the notifications are
 * flowing. A load that started before an invalidation is not cached, since it may have read
 * the state from before the change: each invalidation bumps `generation`. Callers that miss while
 * a load of the same key is under way, with no invalidation since it started, wait for that load
 * instead of starting their own: when an entry expires under a burst of requests, one loads and
 * the others share it (issue #29, docs/performance.md).
 */
export class NotifiedCache<V> implements ListenerSubscriber {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Loading<V>>();
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

  /**
   * The cached value, else `load()`'s (cached unless it is null or an invalidation raced it).
   * While notifications are trusted, a caller that finds a load of `key` started in the current
   * generation shares its result (and, should it fail, loads on its own).
   */
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const shared = this.loading.get(key);
    if (shared && shared.generation === this.generation && this.options.trusted() && this.enabled)
      return shared.value.catch(() => this.load(key, load));
    return this.load(key, load);
  }

  private async load(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const loading = { value: load(), generation: this.generation };
    this.loading.set(key, loading);
    try {
      const value = await loading.value;
      if (
        value !== null &&
        loading.generation === this.generation &&
        this.options.trusted() &&
        this.enabled
      ) {
        if (this.entries.size >= this.options.maxEntries)
          this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, { value, expires: Date.now() + this.options.ttlMs });
      }
      return value;
    } finally {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    }
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
