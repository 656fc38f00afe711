import type { FastifyReply } from 'fastify';

/** Where an item view keeps its ETag stamp: a symbol key, so it never reaches the JSON body. */
export const ETAG_STAMP = Symbol('pledgewatch.itemEtagStamp');

export interface Tagged {
  version: number;
  [ETAG_STAMP]?: string | null;
}

/**
 * The item's strong ETag: `"<version>"`, or `"<version>.<stamp>"` when it names actors or has
 * follow-ups (the stamp, base 36, moves when one of them changes without a version bump). If-Match
 * compares the version part only (parseIfMatch): the write's own check is on `version`.
 */
export function itemEtag(version: number, stamp: string | null | undefined): string {
  return stamp ? `"${version}.${BigInt(stamp).toString(36)}"` : `"${version}"`;
}

/** Sets the item's ETag on the reply and answers the body unchanged. */
export function withItemEtag<T extends Tagged>(reply: FastifyReply, item: T): T {
  reply.header('ETag', itemEtag(item.version, item[ETAG_STAMP]));
  return item;
}
