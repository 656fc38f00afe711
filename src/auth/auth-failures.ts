import { LRUCache } from 'lru-cache';

const WINDOW_MS = 60_000;

/**
 * Failed authentications per client address, in one-minute windows (in memory: each replica
 * counts on its own). Past the limit, an address gets 429 for the rest of its window before any
 * key is looked at: guessing keys costs a minute per `limit` guesses, whatever the keys.
 */
export class AuthFailures {
  private readonly windows = new LRUCache<string, { count: number; resetAt: number }>({
    max: 100_000,
    ttl: WINDOW_MS,
  });

  constructor(private readonly limit: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  blockedFor(address: string, now = Date.now()): number {
    const window = this.windows.get(address);
    if (!window || window.count < this.limit || window.resetAt <= now) return 0;
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  record(address: string, now = Date.now()): void {
    const window = this.windows.get(address);
    if (!window || window.resetAt <= now)
      this.windows.set(address, { count: 1, resetAt: now + WINDOW_MS }, { ttl: WINDOW_MS });
    else window.count++;
  }
}
