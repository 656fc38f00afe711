import type { FastifyReply } from 'fastify';
import { CommonErrors, ProblemError } from './problem';

/**
 * `If-Match` as RFC 9110 §13.1.1 reads it: `*` matches any current version (undefined: no
 * version check), otherwise a list of entity tags, of which only strong ones can match
 * (`"3", "4"` → [3, 4]; `W/"3"` never matches). A bare 3 is taken as "3" for lenient clients.
 * An item's tag may carry a stamp after its version (`"3.lx0k2"`, items/item-etag.ts): only the
 * version is compared, since the write's own check is on the version.
 * Undefined too when the header is absent and not required; 412 when nothing in it can match.
 */
export function parseIfMatch(header: string | undefined, required: boolean): number[] | undefined {
  if (header === undefined || header.trim() === '') {
    if (required)
      throw new ProblemError(CommonErrors.PRECONDITION_REQUIRED, 'Send If-Match with the ETag from GET');
    return undefined;
  }
  if (header.trim() === '*') return undefined;
  const versions = header
    .split(',')
    .map((tag) => /^\s*"?(\d{1,9})(?:\.[0-9a-z]{1,16})?"?\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  if (versions.length === 0)
    throw new ProblemError(CommonErrors.PRECONDITION_FAILED, 'If-Match does not name a version of this item');
  return versions;
}

/** Sets the strong `ETag: "<version>"` of the versioned record the response carries. */
export function withEtag<T>(reply: FastifyReply, body: T, version: number): T {
  reply.header('ETag', `"${version}"`);
  return body;
}
