/**
 * `pledger_totals`: what `groupBy=pledger&convertTo=EUR&rateDate=announced` reads (docs/money.md,
 * "How it stays fast"). One row per (pledger, start): the EUR sums at each pledge's origin-day rate
 * over every currency and recurrence, so the route reads one row per pledger (and one per first
 * period still ahead) instead of one per (pledger, currency, recurrence, start) in `amount_totals`.
 * Fixed amounts (`rec` = '') and stage figures sum into one column each; the open-ended sums of each
 * recurrence keep their own `s0`/`s1` columns, because what they pledged up to today depends on
 * the recurrence's period index. `start` is '' except for pledges whose first period lies ahead
 * (as in the ledger). `pledger` is an actor id, '' for pledges without one.
 *
 * The same statements that keep `amount_totals` keep it, from the same signed rows: the refresh
 * (`pw_refresh_money_unlocked`), the bulk rebuild, and the re-valuation of a rate load
 * (`pw_revalue_money`). Each EUR value is rounded to 12 places per ledger row exactly as there, so
 * the sums are the ones `amount_totals` gives, added up in another order (numeric: exactly).
 */
export const RECURRENCES = ['annual', 'quarterly', 'monthly'] as const;
export const PLEDGER_FIXED = ['pledged', 'pledged_max', 'committed', 'allocated', 'delivered'] as const;
export const PLEDGER_OPEN = ['s0', 's0_max', 's1', 's1_max'] as const;

/** The EUR columns: `pledged_eur` …, then `s0_annual_eur` … per recurrence. */
export const pledgerColumn = (sum: string, rec?: string): string =>
  rec ? `${sum}_${rec}_eur` : `${sum}_eur`;
const OPEN_COLUMNS = RECURRENCES.flatMap((rec) => PLEDGER_OPEN.map((s) => ({ s, rec })));
export const PLEDGER_EUR_COLUMNS = [
  ...PLEDGER_FIXED.map((s) => pledgerColumn(s)),
  ...OPEN_COLUMNS.map(({ s, rec }) => pledgerColumn(s, rec)),
];

export interface PledgerRows {
  /** A FROM clause: the ledger rows to add (signed or as differences). */
  from: string;
  /** Expressions over it: the pledge's pledger ids (text[]), the ledger row's rec and start. */
  pledgers: string;
  rec: string;
  start: string;
  /** The items it adds (a count) and the EUR value one ledger column adds. */
  items: string;
  eur: (column: string) => string;
}

/** Adds ledger rows to `pledger_totals`, per (pledger, start), in key order. */
export const addToPledgerTotals = (r: PledgerRows): string => `
    INSERT INTO pledger_totals AS p (pledger, start, items, ${PLEDGER_EUR_COLUMNS.join(', ')})
    SELECT k.pledger, ${r.start}, sum(${r.items}),
           ${PLEDGER_FIXED.map((s) => `sum(${r.eur(s)})`).join(', ')},
           ${OPEN_COLUMNS.map(({ s, rec }) => `sum(CASE WHEN ${r.rec} = '${rec}' THEN ${r.eur(s)} ELSE 0 END)`).join(',\n           ')}
    FROM ${r.from}
    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(${r.pledgers}) = 0 THEN ARRAY[''] ELSE ${r.pledgers} END) k(pledger)
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (pledger, start) DO UPDATE SET
      items = p.items + excluded.items,
      ${PLEDGER_EUR_COLUMNS.map((col) => `${col} = p.${col} + excluded.${col}`).join(', ')}`;
