import { SUMS } from '../../src/database/functions/money-ledger';

/**
 * The baseline's tables that triggers and workers keep (counters, totals, deliveries) and the
 * feeds, after ./tables.ts (whose tables they reference), as the squashed migrations left them.
 */
const sums = (suffix = '') => SUMS.map((c) => `${c}${suffix} numeric NOT NULL DEFAULT 0`).join(',\n    ');

export const KEPT_TABLES = [
  `CREATE TABLE item_status_counts (
    kind text NOT NULL,
    status text NOT NULL,
    shard smallint NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (kind, status, shard))`,
  // The latest progress figure per (item, period, stage); '' stands for "no period".
  `CREATE TABLE delivered_latest (
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    progress_period text NOT NULL,
    delivered_value numeric(20,2) NOT NULL,
    delivered_currency char(3) NOT NULL,
    stage text NOT NULL DEFAULT 'delivered',
    PRIMARY KEY (item_id, progress_period, stage))`,
  `CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    state text NOT NULL DEFAULT 'pending' CONSTRAINT webhook_deliveries_state_known
      CHECK (state IN ('pending','delivered','failed')),
    attempts integer NOT NULL DEFAULT 0 CONSTRAINT webhook_deliveries_attempts_nonnegative CHECK (attempts >= 0),
    next_attempt_at timestamptz,
    last_status_code integer,
    last_error text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (webhook_id, event_id))`,
  `CREATE TABLE webhook_attempts (
    id bigserial PRIMARY KEY,
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt integer NOT NULL CONSTRAINT webhook_attempts_attempt_positive CHECK (attempt >= 1),
    started_at timestamptz NOT NULL,
    duration_ms integer NOT NULL,
    status_code integer,
    error text)`,
  `CREATE TABLE change_counters (
    slot smallint CONSTRAINT change_counters_pkey PRIMARY KEY,
    n bigint NOT NULL DEFAULT 0)`,
  `CREATE TABLE status_day_deltas (
    day date NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    n bigint NOT NULL,
    CONSTRAINT status_day_deltas_pkey PRIMARY KEY (day, kind, status))`,
  // Calendar and Atom subscriptions: secret tokens, stored hashed.
  `CREATE TABLE feeds (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL,
    token_hash text NOT NULL,
    token_prefix text NOT NULL,
    assignee text,
    tag text,
    item_id uuid,
    actor_id uuid,
    item_kind text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    CONSTRAINT feeds_kind_known CHECK (kind IN ('follow-ups', 'changes')),
    CONSTRAINT feeds_item_kind_known CHECK (item_kind IS NULL OR item_kind IN ('claim', 'commitment')),
    CONSTRAINT feeds_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT feeds_item_fk FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE,
    CONSTRAINT feeds_actor_fk FOREIGN KEY (actor_id) REFERENCES actors(id) ON DELETE CASCADE)`,
  `CREATE TABLE mail_deliveries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL,
    follow_up_id uuid NOT NULL,
    recipient text NOT NULL,
    state text NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error text,
    message_id text,
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mail_deliveries_state_known CHECK (state IN ('pending', 'delivered', 'failed')),
    CONSTRAINT mail_deliveries_attempts_nonnegative CHECK (attempts >= 0),
    CONSTRAINT mail_deliveries_one_per_event UNIQUE (event_id),
    CONSTRAINT mail_deliveries_event_fk FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
    CONSTRAINT mail_deliveries_follow_up_fk FOREIGN KEY (follow_up_id) REFERENCES follow_ups(id) ON DELETE CASCADE)`,
  `CREATE TABLE mail_attempts (
    id bigserial PRIMARY KEY,
    delivery_id uuid NOT NULL,
    attempt integer NOT NULL,
    started_at timestamptz NOT NULL,
    duration_ms integer NOT NULL,
    response_code integer,
    error text,
    CONSTRAINT mail_attempts_attempt_positive CHECK (attempt >= 1),
    CONSTRAINT mail_attempts_delivery_fk FOREIGN KEY (delivery_id) REFERENCES mail_deliveries(id) ON DELETE CASCADE)`,
  // Reference exchange rates, units per EUR (docs/money.md).
  `CREATE TABLE fx_rates (
    currency char(3) NOT NULL,
    rate_date date NOT NULL,
    per_eur numeric(20,10) NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fx_rates_pkey PRIMARY KEY (currency, rate_date),
    CONSTRAINT fx_rates_positive CHECK (per_eur > 0),
    CONSTRAINT fx_rates_not_eur CHECK (currency <> 'EUR'))`,
  // The money totals' parts (src/database/functions/money-ledger.ts).
  `CREATE TABLE money_items (
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    currency char(3) NOT NULL,
    status text NOT NULL,
    pledgers text[] NOT NULL,
    origin_day date NOT NULL,
    rate_date date,
    per_eur numeric,
    CONSTRAINT money_items_pkey PRIMARY KEY (item_id))`,
  `CREATE TABLE money_ledger (
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    rec text NOT NULL,
    year text NOT NULL,
    start text NOT NULL,
    items int NOT NULL DEFAULT 0,
    ${sums()},
    CONSTRAINT money_ledger_pkey PRIMARY KEY (item_id, rec, year, start))`,
  `CREATE TABLE amount_totals (
    dim text NOT NULL,
    key text NOT NULL,
    currency char(3) NOT NULL,
    rec text NOT NULL,
    year text NOT NULL,
    start text NOT NULL,
    items bigint NOT NULL DEFAULT 0,
    unconverted bigint NOT NULL DEFAULT 0,
    ${sums()},
    ${sums('_eur')},
    CONSTRAINT amount_totals_pkey PRIMARY KEY (dim, currency, key, rec, year, start),
    CONSTRAINT amount_totals_dim_known CHECK (dim IN ('all', 'status', 'pledger')))`,
];
