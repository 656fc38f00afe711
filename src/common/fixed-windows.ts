import { LRUCache } from 'lru-cache';

export interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counts per key in fixed windows (one minute by default), in memory: each replica counts on its
 * own. O(1) per hit whatever the limit, unlike a sliding log of every hit; the oldest keys are
 * dropped past `maxKeys`. Serves the failed-authentication limits (AuthFailures: the plugin that
 * counts the request budget counts requests, not failures, and their checks run before a count),
 * and the request budget's local counting while Redis is away (SharedBudgetStore).
 */
export class FixedWindows {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    private readonly windowMs = 60_000,
    maxKeys = 100_000,
  ) {
    // Bounded by `maxSize` (one per key), not `max`: with `max`, lru-cache allocates its arrays for
    // every key up front, 4.3 MB per instance at 100,000 keys, held from the start whether or not a
    // key is ever counted (docs/performance.md, "Resident memory").
    this.windows = new LRUCache<string, Window>({
      maxSize: maxKeys,
      sizeCalculation: () => 1,
      ttl: windowMs,
    });
  }

  /** The key's current window, if it has one that has not ended. */
  current(key: string, now = Date.now()): Window | undefined {
    const window = this.windows.get(key);
    return window && window.resetAt > now ? window : undefined;
  }

  /** Takes a window counted elsewhere (by every replica, in Redis) as this key's own. */
  adopt(key: string, window: Window, now = Date.now()): Window {
    if (window.resetAt > now) this.windows.set(key, window, { ttl: window.resetAt - now });
    return window;
  }

  /** Counts one hit for `key` and returns its window. */
  hit(key: string, now = Date.now()): Window {
    const window = this.current(key, now);
    if (window) {
      window.count++;
      return window;
    }
    const fresh = { count: 1, resetAt: now + this.windowMs };
    this.windows.set(key, fresh, { ttl: this.windowMs });
    return fresh;
  }
}

/** Whole seconds until the window ends, at least 1. */
export function secondsLeft(window: Window, now = Date.now()): number {
  return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
}
