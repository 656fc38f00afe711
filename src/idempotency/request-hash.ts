import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Where a request that is not all in `body` keeps the digest of the rest (a multipart upload's
 * file), so that a retry with the same fields and another file is another request.
 */
export const BODY_DIGEST = Symbol('pledgewatch.bodyDigest');

/** What makes two requests "the same": method, path with query, and body (with BODY_DIGEST). */
export function requestHash(method: string, url: string, body: unknown, digest?: string): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}${digest === undefined ? '' : `\n${digest}`}`)
    .digest('hex');
}
