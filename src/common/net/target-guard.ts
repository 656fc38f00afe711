import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { LookupFunction } from 'node:net';
import { isPublicAddress } from './network-policy';

/** Raised when a host resolves to an address outgoing requests (webhooks, fetched sources) may not reach. */
export class PrivateTargetError extends Error {
  readonly code = 'EPRIVATETARGET';
}

/** Every address `hostname` resolves to (IP literals resolve to themselves). */
export async function resolveAll(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    );
  });
}

/**
 * A `lookup` for http.request that refuses non-public addresses. The socket connects to exactly
 * the address checked here, so a DNS answer that changes between check and connect (rebinding)
 * cannot reach a private network.
 */
export function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivate ? addresses : addresses.filter((a) => isPublicAddress(a.address));
      if (allowed.length === 0)
        return callback(new PrivateTargetError(`${hostname} resolves only to non-public addresses`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
