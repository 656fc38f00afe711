import type { FastifyReply } from 'fastify';
import { CommonErrors, ProblemError } from './problem';

/** `If-Match: "3"` (or 3) → 3; anything else is a 412 since it cannot match a version. */
export function parseIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header === '') {
    if (required)
      throw new ProblemError(CommonErrors.PRECONDITION_REQUIRED, 'Send If-Match with the ETag from GET');
    return undefined;
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(header);
  if (!match)
    throw new ProblemError(CommonErrors.PRECONDITION_FAILED, 'If-Match does not name a version of this item');
  return Number(match[1]);
}

/** Sets the strong `ETag: "<version>"` of the versioned record the response carries. */
export function withEtag<T>(reply: FastifyReply, body: T, version: number): T {
  reply.header('ETag', `"${version}"`);
  return body;
}
