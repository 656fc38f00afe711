import { declareFunction, declareTrigger } from './declare';

/**
 * Live item counts per (kind, status) for `GET /v1/stats/status` without filters, kept exact in
 * the writer's own transaction. Sharded by the database session (64 shards): one connection never
 * waits on its own row; readers sum the shards. A transaction touches its two rows in sorted order
 * so that two status changes cannot deadlock. Merged items are not counted.
 * Bulk loads that bypass triggers must run STATUS_COUNTS_REBUILD (any shard split sums the same).
 */
export const STATUS_COUNTS_REBUILD = `
  DELETE FROM item_status_counts;
  INSERT INTO item_status_counts (kind, status, shard, n)
  SELECT kind, status, abs(hashtext(id::text)) % 16, count(*) FROM items WHERE merged_into_id IS NULL GROUP BY 1, 2, 3`;

export const pwAddStatusCount = declareFunction({
  name: 'pw_add_status_count',
  args: 'kind text, status text, shard smallint, delta int',
  returns: 'void',
  language: 'sql',
  body: `
      INSERT INTO item_status_counts AS c (kind, status, shard, n) VALUES ($1, $2, $3, $4)
      ON CONFLICT (kind, status, shard) DO UPDATE SET n = c.n + $4 `,
});

export const pwCountStatus = declareFunction({
  name: 'pw_count_status',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      DECLARE
        was_counted boolean := false;
        is_counted boolean := false;
        shard smallint;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          was_counted := OLD.merged_into_id IS NULL;
          shard := pg_backend_pid() % 64;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          is_counted := NEW.merged_into_id IS NULL;
          shard := pg_backend_pid() % 64;
        END IF;
        IF was_counted AND is_counted AND (OLD.kind, OLD.status) > (NEW.kind, NEW.status) THEN
          PERFORM pw_add_status_count(NEW.kind, NEW.status, shard, 1);
          PERFORM pw_add_status_count(OLD.kind, OLD.status, shard, -1);
          RETURN NULL;
        END IF;
        IF was_counted THEN PERFORM pw_add_status_count(OLD.kind, OLD.status, shard, -1); END IF;
        IF is_counted THEN PERFORM pw_add_status_count(NEW.kind, NEW.status, shard, 1); END IF;
        RETURN NULL;
      END `,
});

export const STATUS_COUNT_FUNCTIONS = [pwAddStatusCount, pwCountStatus];

export const STATUS_COUNT_TRIGGERS = [
  declareTrigger({
    name: 'items_status_counts_insert_delete',
    table: 'items',
    timing: 'AFTER INSERT OR DELETE',
    each: 'ROW',
    execute: pwCountStatus,
  }),
  declareTrigger({
    name: 'items_status_counts_update',
    table: 'items',
    timing: 'AFTER UPDATE OF kind, status, merged_into_id',
    each: 'ROW',
    when: 'OLD.kind IS DISTINCT FROM NEW.kind OR OLD.status IS DISTINCT FROM NEW.status OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id',
    execute: pwCountStatus,
  }),
];
