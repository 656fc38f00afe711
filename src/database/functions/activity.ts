import { declareFunction, declareTrigger } from './declare';

/**
 * Facts of other tables kept on `items` and `status_periods`, so that list and stats queries read
 * one row per item instead of joining at a million rows.
 */

/** Staleness: the latest non-retracted update in the world, or the initial status when none. */
export const pwTouchLastActivity = declareFunction({
  name: 'pw_touch_last_activity',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        UPDATE items i SET last_activity_at = coalesce(
            (SELECT max(u.effective_at) FROM updates u WHERE u.item_id = i.id AND u.retracted_at IS NULL), i.status_since)
          WHERE i.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END);
        RETURN NULL;
      END `,
});

export const pwDefaultLastActivity = declareFunction({
  name: 'pw_default_last_activity',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN NEW.last_activity_at := coalesce(NEW.last_activity_at, NEW.status_since); RETURN NEW; END `,
});

/**
 * The earliest publication date among an item's origin sources (the start of a recurring pledge).
 * The row is rewritten only when the date moves: a create writes `origin_at` with the item
 * (INSERT_NEW_ITEMS), so its citations find it right, and the item is not written twice (a second
 * version of the row, every index of `items` and the money trigger on `origin_at`).
 */
export const pwTouchOriginAt = declareFunction({
  name: 'pw_touch_origin_at',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        UPDATE items i SET origin_at = o.at
          FROM (SELECT x.id, (SELECT min(s.published_at) FROM citations c JOIN sources s ON s.id = c.source_id
                              WHERE c.item_id = x.id AND c.role = 'origin') AS at
                FROM (SELECT DISTINCT unnest(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END,
                                                   CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END])) AS x(id)) o
          WHERE i.id = o.id AND i.origin_at IS DISTINCT FROM o.at;
        RETURN NULL;
      END `,
});

/** Each status interval carries its item's creation time (the list's creation order as of T). */
export const pwFollowItemCreatedAt = declareFunction({
  name: 'pw_follow_item_created_at',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        UPDATE status_periods SET item_created_at = NEW.created_at WHERE item_id = NEW.id;
        RETURN NULL;
      END `,
});

export const ACTIVITY_FUNCTIONS = [
  pwTouchLastActivity,
  pwDefaultLastActivity,
  pwTouchOriginAt,
  pwFollowItemCreatedAt,
];

export const ACTIVITY_TRIGGERS = [
  declareTrigger({
    name: 'updates_last_activity',
    table: 'updates',
    timing: 'AFTER INSERT OR DELETE OR UPDATE OF item_id, effective_at, retracted_at',
    each: 'ROW',
    execute: pwTouchLastActivity,
  }),
  declareTrigger({
    name: 'items_default_last_activity',
    table: 'items',
    timing: 'BEFORE INSERT',
    each: 'ROW',
    execute: pwDefaultLastActivity,
  }),
  declareTrigger({
    name: 'citations_origin_at',
    table: 'citations',
    timing: 'AFTER INSERT OR DELETE OR UPDATE OF item_id, role, source_id',
    each: 'ROW',
    execute: pwTouchOriginAt,
  }),
  declareTrigger({
    name: 'items_created_at_periods',
    table: 'items',
    timing: 'AFTER UPDATE OF created_at',
    each: 'ROW',
    when: 'OLD.created_at IS DISTINCT FROM NEW.created_at',
    execute: pwFollowItemCreatedAt,
  }),
];
