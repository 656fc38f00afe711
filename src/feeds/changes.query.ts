import { Feed } from './feed.entity';

/** One entry of a changes feed: an item event with what explains it. */
export interface ChangeEntry {
  eventId: string;
  seq: string;
  /** The partial index `events_item_changes` covers the same three types. */
  type: 'item.created' | 'item.status_changed' | 'item.source_changed';
  at: Date;
  data: {
    from?: string;
    to?: string;
    status?: string;
    cause?: string;
    /** item.source_changed: the cited passage that left the live page, and how the page is now. */
    quote?: string;
    liveStatus?: string;
  };
  itemId: string;
  itemKind: string;
  itemTitle: string;
  itemStatement: string;
  itemTags: string[];
  itemCreatedBy: string;
  note: string | null;
  retractionReason: string | null;
  recordedBy: string | null;
  evidence: { url: string; title: string; quote: string | null }[];
  /** item.source_changed: the source whose live page lost the passage. */
  changedSource: { url: string; title: string } | null;
}

export const CHANGES_PAGE = 50;

/**
 * The statement of a page of the feed's events, newest first (by outbox order), keyset-paged on
 * `seq`: `before` is the last seq of the previous page. The update that caused a status change
 * brings its note and its evidence's sources; a source change brings its source. FeedsRepository runs it.
 */
export function changesQuery(feed: Feed, before: string | null): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT e.id AS "eventId", e.seq::text AS seq, e.type, e.created_at AS at, e.data,
            i.id AS "itemId", i.kind AS "itemKind", i.title AS "itemTitle", i.statement AS "itemStatement",
            i.tags AS "itemTags", i.created_by AS "itemCreatedBy", u.note, u.retraction_reason AS "retractionReason",
            u.recorded_by AS "recordedBy",
            coalesce((SELECT json_agg(json_build_object('url', s.url, 'title', s.title, 'quote', ev.quote) ORDER BY ev.position, ev.id)
                        FROM evidence ev JOIN sources s ON s.id = ev.source_id WHERE ev.update_id = u.id), '[]') AS evidence,
            (SELECT json_build_object('url', s.url, 'title', s.title) FROM sources s
              WHERE e.type = 'item.source_changed' AND s.id = (e.data->>'sourceId')::uuid) AS "changedSource"
       FROM events e
       JOIN items i ON i.id = (e.data->>'itemId')::uuid
       LEFT JOIN updates u ON u.id = (e.data->>'updateId')::uuid
      WHERE e.type IN ('item.created', 'item.status_changed', 'item.source_changed')
        AND i.merged_into_id IS DISTINCT FROM i.id -- a discarded item points at itself: left out
        AND ($1::text IS NULL OR $1 = ANY (i.tags))
        AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM item_actors ia WHERE ia.item_id = i.id AND ia.actor_id = $2))
        AND ($3::text IS NULL OR i.kind = $3)
        AND ($4::bigint IS NULL OR e.seq < $4)
      ORDER BY e.seq DESC LIMIT $5`,
    params: [feed.tag, feed.actorId, feed.itemKind, before, CHANGES_PAGE + 1],
  };
}
