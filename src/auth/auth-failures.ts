import { FixedWindows, secondsLeft } from '../common/fixed-windows';
import type { SharedCounter } from '../common/shared-counter';

/**
 * Failed authentications in one-minute windows (in memory: each replica counts on its own), kept
 * two ways so that one client's failures never lock out another's valid key:
 * - per client address and presented-key prefix (`perKey`): guessing with one prefix is stopped;
 *   a valid key has a prefix of its own, whose window the guesses do not touch;
 * - per client address (`perAddress`, a higher bound): guessing with ever new prefixes is
 *   stopped too, for every key whose prefix is not one of the service's (see Authenticator).
 * Requests without a key count toward the address alone. With a SharedCounter (REDIS_URL) every
 * failure is counted across replicas, and the shared count is kept here, so the checks before a
 * key's lookup stay in memory: another replica's failures are known here from this replica's next
 * failure for that address on (each replica may let one more attempt through than the limit).
 */
export class AuthFailures {
  private readonly byKey = new FixedWindows();
  private readonly byAddress = new FixedWindows();

  constructor(
    private readonly perKey: number,
    private readonly perAddress: number,
    private readonly shared?: SharedCounter,
  ) {}

  /** Seconds until `address` may try keys that start with `prefix` again, or 0. */
  keyBlockedFor(address: string, prefix: string, now = Date.now()): number {
    const window = this.byKey.current(`${address} ${prefix}`, now);
    return window && window.count >= this.perKey ? secondsLeft(window, now) : 0;
  }

  /** Seconds until `address` may try unknown prefixes (or no key) again, or 0. */
  addressBlockedFor(address: string, now = Date.now()): number {
    const window = this.byAddress.current(address, now);
    return window && window.count >= this.perAddress ? secondsLeft(window, now) : 0;
  }

  async record(address: string, prefix: string | null): Promise<void> {
    if (prefix !== null)
      await this.count(this.byKey, `failures:${address} ${prefix}`, `${address} ${prefix}`);
    await this.count(this.byAddress, `failures:${address}`, address);
  }

  private async count(windows: FixedWindows, sharedKey: string, key: string): Promise<void> {
    const counted = this.shared?.configured ? await this.shared.hit(sharedKey, 60_000) : null;
    if (counted) windows.adopt(key, counted);
    else windows.hit(key);
  }
}
