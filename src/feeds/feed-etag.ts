import { createHash } from 'node:crypto';

/** A strong ETag from what a document depends on (not from the document, so no need to build it). */
export function etagOf(...parts: (string | number | null)[]): string {
  return `"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}
