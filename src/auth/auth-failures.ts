import { FixedWindows, secondsLeft } from '../common/fixed-windows';

/**
 * Failed authentications per client address, in one-minute windows (in memory: each replica
 * counts on its own). Past the limit, an address gets 429 for the rest of its window before any
 * key is looked at: guessing keys costs a minute per `limit` guesses, whatever the keys.
 */
export class AuthFailures {
  private readonly windows = new FixedWindows();

  constructor(private readonly limit: number) {}

  /** Seconds until the address may try again, or 0 when it may try now. */
  blockedFor(address: string, now = Date.now()): number {
    const window = this.windows.current(address, now);
    return window && window.count >= this.limit ? secondsLeft(window, now) : 0;
  }

  record(address: string, now = Date.now()): void {
    this.windows.hit(address, now);
  }
}
