import { declareFunction, declareTrigger } from './declare';

/**
 * What replicas hear of, through PostgreSQL LISTEN/NOTIFY (delivered on commit):
 *  - `pw_api_keys`: a key was updated (revoked) or deleted; the payload is its hash, so every
 *    replica drops it from its authentication cache.
 *  - `pw_changes`: a write to one of COUNTED_TABLES committed. The first such statement of a
 *    transaction also bumps `change_counters`, whose sum is the ETag of lists and stats: a
 *    conditional GET compares it without running the query. Once per transaction is enough (its
 *    writes become visible together, at its commit): a create writes three counted tables, and
 *    its later statements find the transaction-local `pw.change_counted` set and skip the row and
 *    the notification. The counter is spread over 16 slots so that concurrent writers do not
 *    wait on one row until each other's commits: a transaction takes its session's slot
 *    (`pg_backend_pid() % 16`) when it is free, else the first slot no other transaction holds
 *    (`SKIP LOCKED`; two sessions of one slot used to queue, and with 10 writers that is likely),
 *    and waits for its own only when all 16 are held. A transaction only ever locks one slot.
 */
export const pwNotifyApiKey = declareFunction({
  name: 'pw_notify_api_key',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN PERFORM pg_notify('pw_api_keys', OLD.key_hash); RETURN NULL; END `,
});

export const pwCountChange = declareFunction({
  name: 'pw_count_change',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        IF current_setting('pw.change_counted', true) = 'on' THEN RETURN NULL; END IF;
        UPDATE change_counters SET n = n + 1 WHERE slot = (
          SELECT c.slot FROM change_counters c ORDER BY c.slot <> pg_backend_pid() % 16, c.slot
          FOR UPDATE SKIP LOCKED LIMIT 1);
        IF NOT FOUND THEN
          UPDATE change_counters SET n = n + 1 WHERE slot = pg_backend_pid() % 16;
        END IF;
        PERFORM pg_notify('pw_changes', '');
        PERFORM set_config('pw.change_counted', 'on', true);
        RETURN NULL;
      END `,
});

/**
 * The tables whose writes change what item, list, stats and feed responses show: converted
 * amounts depend on the rates, calendar feeds and an item's `nextFollowUp` on follow-ups.
 */
export const COUNTED_TABLES = [
  'actors',
  'citations',
  'follow_ups',
  'fx_rates',
  'item_actors',
  'items',
  'updates',
];

export const CHANGE_FUNCTIONS = [pwNotifyApiKey, pwCountChange];

export const CHANGE_TRIGGERS = [
  declareTrigger({
    name: 'api_keys_notify',
    table: 'api_keys',
    timing: 'AFTER UPDATE OR DELETE',
    each: 'ROW',
    execute: pwNotifyApiKey,
  }),
  ...COUNTED_TABLES.map((table) =>
    declareTrigger({
      name: `${table}_count_change`,
      table,
      timing: 'AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE',
      each: 'STATEMENT',
      execute: pwCountChange,
    }),
  ),
];
