import { declareFunction, declareTrigger } from './declare';
import { pwMoneyFacts, pwMoneyRows, pwRefreshStage, SUMS } from './money-ledger';
import { addToPledgerTotals } from './money-pledgers';

/**
 * The pre-aggregated money that /v1/stats/amounts reads (docs/money.md, "How it stays fast"):
 * `amount_totals` is the ledger summed per dimension: `all` (per year), `status` and `pledger`
 * (one row per pledger actor; '' for none), each also in EUR at the pledge's origin-day rate;
 * `pledger_totals` the EUR sums per pledger alone (money-pledgers.ts).
 *
 * `pw_refresh_money(item)` replaces one item's contribution: its old ledger, negated, and its new
 * one are added to the totals in one statement in key order, in the writer's transaction, under
 * one transaction-scoped advisory lock (a transaction may refresh an item several times, so key
 * order alone could not rule out deadlocks). Triggers call it on every change that moves money:
 * the item's amount, schedule, dates, status, merge, origin date, pledgers, and each progress
 * figure. Bulk loads that bypass triggers must run MONEY_TOTALS_BULK_REBUILD.
 */
export const TOTAL_COLUMNS = ['items', 'unconverted', ...SUMS, ...SUMS.map((c) => `${c}_eur`)];
const LEDGER_COLUMNS = ['items', ...SUMS];

/** Each ledger row counts in the `all` total, its status's and each of its pledgers' ('' for none). */
export const dimensionsOf = (indent: string): string =>
  [
    'CROSS JOIN LATERAL (',
    "  SELECT 'all' AS dim, '' AS key",
    "  UNION ALL SELECT 'status', c.status",
    "  UNION ALL SELECT 'pledger', k FROM unnest(CASE WHEN cardinality(c.pledgers) = 0 THEN ARRAY[''] ELSE c.pledgers END) k",
    ') d',
    'GROUP BY 1, 2, 3, 4, 5, 6',
    'ORDER BY 1, 3, 2, 4, 5, 6',
    'ON CONFLICT (dim, currency, key, rec, year, start) DO UPDATE SET',
  ].join(`\n${indent}`);

/**
 * Adds signed ledger rows to the totals, per dimension key, in key order (so concurrent writers
 * lock total rows in one order), and to `pledger_totals` (money-pledgers.ts) from the same rows.
 * `rows` yields sign, currency, status, pledgers, per_eur and the ledger columns.
 */
const addToTotals = (rows: string) => `
  WITH c AS MATERIALIZED (${rows}),
  by_pledger AS (${addToPledgerTotals({
    from: 'c',
    pledgers: 'c.pledgers',
    rec: 'c.rec',
    start: 'c.start',
    items: 'c.sign * c.items',
    eur: (s) => `c.sign * coalesce(round(c.${s} / c.per_eur, 12), 0)`,
  })}
  )
  INSERT INTO amount_totals AS t (dim, key, currency, rec, year, start, ${TOTAL_COLUMNS.join(', ')})
  SELECT d.dim, d.key, c.currency, c.rec, CASE WHEN d.dim = 'all' THEN c.year ELSE '' END, c.start,
         sum(c.sign * c.items), sum(c.sign * CASE WHEN c.per_eur IS NULL THEN c.items ELSE 0 END),
         ${SUMS.map((s) => `sum(c.sign * c.${s})`).join(', ')},
         ${SUMS.map((s) => `sum(c.sign * coalesce(round(c.${s} / c.per_eur, 12), 0))`).join(', ')}
  FROM c
  ${dimensionsOf('  ')}
    ${TOTAL_COLUMNS.map((col) => `${col} = t.${col} + excluded.${col}`).join(', ')}`;

const ledgerOf = (alias: string) => LEDGER_COLUMNS.map((c) => `${alias}.${c}`).join(', ');

/** For loads that bypass triggers (the benchmark): every counted pledge's facts, ledger and totals. */
export const MONEY_TOTALS_BULK_REBUILD = `
  DELETE FROM amount_totals;
  DELETE FROM pledger_totals;
  DELETE FROM money_ledger;
  DELETE FROM money_items;
  INSERT INTO money_items SELECT f.* FROM items i CROSS JOIN LATERAL pw_money_facts(i.id) f
  WHERE i.amount_value IS NOT NULL OR i.schedule IS NOT NULL;
  INSERT INTO money_ledger SELECT r.* FROM money_items m CROSS JOIN LATERAL pw_money_rows(m.item_id) r;
  ${addToTotals(`
    SELECT 1 AS sign, m.currency, m.status, m.pledgers, m.per_eur, l.rec, l.year, l.start, ${ledgerOf('l')}
    FROM money_ledger l JOIN money_items m ON m.item_id = l.item_id`)}`;

/** Replaces one item's contribution to the totals; the caller holds the money writers' lock. */
export const pwRefreshMoneyUnlocked = declareFunction({
  name: 'pw_refresh_money_unlocked',
  args: 'p uuid',
  returns: 'void',
  language: 'plpgsql',
  body: `
  DECLARE
    f money_items;
    new_rows money_ledger[];
  BEGIN
    SELECT * INTO f FROM ${pwMoneyFacts.name}(p);
    IF f.item_id IS NOT NULL THEN
      new_rows := ARRAY(SELECT r FROM ${pwMoneyRows.name}(p) r);
    ELSIF NOT EXISTS (SELECT 1 FROM money_items WHERE item_id = p) THEN
      RETURN;
    END IF;
    ${addToTotals(`
      SELECT -1 AS sign, m.currency, m.status, m.pledgers, m.per_eur, l.rec, l.year, l.start, ${ledgerOf('l')}
      FROM money_ledger l JOIN money_items m ON m.item_id = l.item_id WHERE l.item_id = p
      UNION ALL
      SELECT 1, f.currency, f.status, f.pledgers, f.per_eur, r.rec, r.year, r.start, ${ledgerOf('r')}
      FROM unnest(new_rows) r`)};
    DELETE FROM money_ledger WHERE item_id = p;
    DELETE FROM money_items WHERE item_id = p;
    IF f.item_id IS NOT NULL THEN
      INSERT INTO money_items SELECT f.*;
      INSERT INTO money_ledger SELECT * FROM unnest(new_rows);
    END IF;
  END `,
});

/**
 * Returns first when the item has neither money facts nor money rows (the caller holds the
 * item's row lock, so neither can appear meanwhile): most writes take no money lock at all.
 */
export const pwRefreshMoney = declareFunction({
  name: 'pw_refresh_money',
  args: 'p uuid',
  returns: 'void',
  language: 'plpgsql',
  body: `
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM money_items WHERE item_id = p)
           AND (SELECT f.item_id FROM pw_money_facts(p) f LIMIT 1) IS NULL THEN
          RETURN;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('pw_refresh_money'));
        PERFORM pw_refresh_money_unlocked(p);
      END `,
});

/** A pledger added, removed or moved: the items on both sides. */
export const pwMoneyChanged = declareFunction({
  name: 'pw_money_changed',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM pw_refresh_money(OLD.item_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.item_id <> OLD.item_id) THEN PERFORM pw_refresh_money(NEW.item_id); END IF;
        RETURN NULL;
      END `,
});

export const pwItemMoneyChanged = declareFunction({
  name: 'pw_item_money_changed',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN PERFORM pw_refresh_money(NEW.id); RETURN NULL; END `,
});

/** Each progress figure: the latest per (item, period, stage), then the item's money. */
export const pwTrackStages = declareFunction({
  name: 'pw_track_stages',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.delivered_value IS NOT NULL THEN
          PERFORM ${pwRefreshStage.name}(OLD.item_id, OLD.progress_period, OLD.progress_stage);
          PERFORM pw_refresh_money(OLD.item_id);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.delivered_value IS NOT NULL THEN
          PERFORM ${pwRefreshStage.name}(NEW.item_id, NEW.progress_period, NEW.progress_stage);
          PERFORM pw_refresh_money(NEW.item_id);
        END IF;
        RETURN NULL;
      END `,
});

export const MONEY_TOTAL_FUNCTIONS = [
  pwRefreshMoneyUnlocked,
  pwRefreshMoney,
  pwMoneyChanged,
  pwItemMoneyChanged,
  pwTrackStages,
];

/** What moves an item's money, column by column. */
const ITEM_MONEY_COLUMNS = [
  'amount_value',
  'amount_value_max',
  'amount_currency',
  'schedule',
  'recurrence',
  'period_start',
  'period_end',
  'status',
  'merged_into_id',
  'origin_at',
  'kind',
];

export const MONEY_TRIGGERS = [
  declareTrigger({
    name: 'items_money_insert',
    table: 'items',
    timing: 'AFTER INSERT',
    each: 'ROW',
    when: 'NEW.amount_value IS NOT NULL OR NEW.schedule IS NOT NULL',
    execute: pwItemMoneyChanged,
  }),
  declareTrigger({
    name: 'items_money_update',
    table: 'items',
    timing: `AFTER UPDATE OF ${ITEM_MONEY_COLUMNS.join(', ')}`,
    each: 'ROW',
    when: ITEM_MONEY_COLUMNS.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR '),
    execute: pwItemMoneyChanged,
  }),
  ...(['INSERT', 'DELETE', 'UPDATE'] as const).map((op) =>
    declareTrigger({
      name: `item_actors_money_${op.toLowerCase()}`,
      table: 'item_actors',
      timing: `AFTER ${op}`,
      each: 'ROW',
      when: {
        INSERT: "NEW.role = 'pledger'",
        DELETE: "OLD.role = 'pledger'",
        UPDATE: "OLD.role = 'pledger' OR NEW.role = 'pledger'",
      }[op],
      execute: pwMoneyChanged,
    }),
  ),
  declareTrigger({
    name: 'updates_stage_latest',
    table: 'updates',
    timing:
      'AFTER INSERT OR DELETE OR UPDATE OF item_id, progress_period, progress_stage, delivered_value, delivered_currency, effective_at, retracted_at',
    each: 'ROW',
    execute: pwTrackStages,
  }),
];
