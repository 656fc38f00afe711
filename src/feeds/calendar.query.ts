import { Feed } from './feed.entity';

/** Done and cancelled follow-ups stay in the calendar (as cancelled) this long, so subscribers remove them. */
export const ENDED_KEPT_DAYS = 30;
/** A calendar is bounded: the soonest follow-ups first, at most this many. */
export const CALENDAR_LIMIT = 1000;

/** The follow-ups a calendar feed shows: open ones, and those ended in the last ENDED_KEPT_DAYS; none of a discarded item. */
function matching(feed: Feed): { where: string; params: unknown[] } {
  return {
    where: `(f.state IN ('scheduled', 'notified') OR f.updated_at > now() - make_interval(days => ${ENDED_KEPT_DAYS}))
        AND ($1::text IS NULL OR f.assignee = $1)
        AND ($2::text IS NULL OR $2 = ANY (i.tags))
        AND ($3::uuid IS NULL OR f.item_id = $3)
        AND i.merged_into_id IS DISTINCT FROM i.id`,
    params: [feed.assignee, feed.tag, feed.itemId],
  };
}

/** The calendar's statement (follow_ups with their items' titles and due windows); FeedsRepository runs it. */
export function calendarQuery(feed: Feed): { sql: string; params: unknown[] } {
  const { where, params } = matching(feed);
  return {
    sql: `SELECT f.id, f.item_id AS "itemId", i.title AS "itemTitle", to_char(i.due_at, 'YYYY-MM-DD') AS "itemDueAt",
            i.due_precision AS "duePrecision", f.due_at AS "dueAt", f.note, f.assignee, f.state, f.automatic,
            f.sequence, f.completion_note AS "completionNote", f.created_at AS "createdAt", f.updated_at AS "updatedAt"
       FROM follow_ups f JOIN items i ON i.id = f.item_id
      WHERE ${where}
      ORDER BY f.due_at, f.id LIMIT ${CALENDAR_LIMIT}`,
    params,
  };
}
