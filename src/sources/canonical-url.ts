/**
 * Canonical form of a source URL, used to detect the same article submitted twice
 * (spec, Sources: "a second source with the same canonical URL is 409").
 *
 * The WHATWG URL parser already lower-cases scheme and host, converts IDNs to punycode,
 * drops default ports and resolves "." / ".." path segments. On top of that we drop the
 * fragment and the utm_* tracking parameters, which name the campaign, not the document.
 */
export function canonicalizeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // relative or malformed
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;

  url.hash = '';
  // Filter the raw "name=value" pairs rather than going through url.searchParams: re-serialising
  // with URLSearchParams would re-encode the parameters we keep (%20 becomes +, and so on).
  // Empty pairs ("a=1&&b=2") carry nothing and are dropped.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(pair));
  // Assigning '' removes the "?" itself, so "…/page?" and "…/page?utm_source=x" lose it.
  url.search = kept.join('&');
  return url.href;
}

function isTrackingParam(pair: string): boolean {
  const rawName = pair.split('=', 1)[0];
  return decodeName(rawName).toLowerCase().startsWith('utm_');
}

/** Decodes a query parameter name the way a server would ("utm%5Fsource" is utm_source). */
function decodeName(rawName: string): string {
  try {
    return decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    return rawName; // malformed percent-encoding: compare it as written
  }
}
