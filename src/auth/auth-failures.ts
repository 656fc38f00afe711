import { FixedWindows, secondsLeft } from '../common/fixed-windows';

/**
 * Failed authentications in one-minute windows (in memory: each replica counts on its own), kept
 * two ways so that one client's failures never lock out another's valid key:
 * - per client address and presented-key prefix (`perKey`): guessing with one prefix is stopped;
 *   a valid key has a prefix of its own, whose window the guesses do not touch;
 * - per client address (`perAddress`, a higher bound): guessing with ever new prefixes is
 *   stopped too, for every key whose prefix is not one of the service's (see Authenticator).
 * Requests without a key count toward the address alone.
 */
export class AuthFailures {
  private readonly byKey = new FixedWindows();
  private readonly byAddress = new FixedWindows();

  constructor(
    private readonly perKey: number,
    private readonly perAddress: number,
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

  record(address: string, prefix: string | null, now = Date.now()): void {
    if (prefix !== null) this.byKey.hit(`${address} ${prefix}`, now);
    this.byAddress.hit(address, now);
  }
}
