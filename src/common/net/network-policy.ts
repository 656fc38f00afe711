import ipaddr from 'ipaddr.js';

/**
 * Webhook targets must be public: a subscription must not turn the service into a proxy onto
 * its own network (SSRF). Only globally routable unicast addresses pass; loopback, private,
 * link-local, unique-local, carrier-grade NAT, multicast and reserved ranges do not. Nor do
 * IPv6 forms that carry an IPv4 address — IPv4-compatible `::/96` (deprecated by RFC 4291, and
 * `[::127.0.0.1]` reaches loopback on some stacks), NAT64, 6to4, Teredo — nor any other range
 * ipaddr.js does not call plain unicast.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ipaddr.js reads `::1.2.3.4` as mapped too; only a written ::ffff: is.
    if (v6.isIPv4MappedAddress() && /ffff/i.test(address)) parsed = v6.toIPv4Address();
    else if (v6.isIPv4MappedAddress() || v6.parts.slice(0, 6).every((part) => part === 0)) return false; // ::/96
  }
  return parsed.range() === 'unicast';
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Syntax and scheme: an absolute http(s) URL without credentials. Addresses are checked apart. */
export function checkWebhookUrl(text: string): UrlCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'must be an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'must use http or https' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' };
  return { ok: true, url };
}

/** The host of a URL as an IP literal (brackets of IPv6 removed), or null for a name. */
export function ipLiteral(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(host) ? host : null;
}
