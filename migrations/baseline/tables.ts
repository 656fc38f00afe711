/**
 * The tables as the 23 migrations up to ShorterWriteLocks1732702400000 left them (squashed into
 * the baseline, docs/adr/0006-database-functions-declared-once.md), columns in the order those
 * migrations added them, every constraint named as they named it. In creation order: a table
 * comes after the tables it references. These hold the researchers' records; ./kept-tables.ts
 * what triggers and workers keep from them.
 */
const STATUSES = `'proposed','agreed','in_progress','fulfilled','partially_fulfilled','stalled','broken','withdrawn','unverified','confirmed','misleading','disputed','refuted'`;
const CLAIM_STATUSES = `'unverified','confirmed','misleading','disputed','refuted'`;

export const RECORD_TABLES = [
  `CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    role text NOT NULL CONSTRAINT api_keys_role_known CHECK (role IN ('admin','editor','viewer')),
    key_hash text NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz)`,
  `CREATE TABLE sources (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url text NOT NULL,
    canonical_url text NOT NULL UNIQUE,
    title text NOT NULL,
    publisher text,
    author text,
    published_at timestamptz,
    language text NOT NULL,
    kind text NOT NULL DEFAULT 'news_article' CONSTRAINT sources_kind_known
      CHECK (kind IN ('news_article','official_statement','transcript','report','dataset','other')),
    text text,
    content_hash text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sources_text_with_hash CHECK ((text IS NULL) = (content_hash IS NULL)))`,
  `CREATE TABLE actors (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    kind text NOT NULL CONSTRAINT actors_kind_known CHECK (kind IN ('person','organization','country','group')),
    aliases text[] NOT NULL DEFAULT '{}',
    description text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now())`,
  // Every name and alias of every actor, folded: a unique index makes them unique across actors.
  `CREATE TABLE actor_names (
    actor_id uuid NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    name text NOT NULL,
    folded text GENERATED ALWAYS AS (pw_fold(name)) STORED,
    PRIMARY KEY (actor_id, name))`,
  `CREATE TABLE items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CONSTRAINT items_kind_known CHECK (kind IN ('claim','commitment')),
    title text NOT NULL,
    statement text NOT NULL,
    language text NOT NULL,
    tags text[] NOT NULL DEFAULT '{}',
    amount_value numeric(20,2) CONSTRAINT items_amount_positive CHECK (amount_value > 0),
    amount_currency char(3),
    amount_qualifier text CONSTRAINT items_amount_qualifier_known
      CHECK (amount_qualifier IN ('exactly','at_least','up_to','approximately','between')),
    recurrence text CONSTRAINT items_recurrence_known CHECK (recurrence IN ('once','annual','quarterly','monthly')),
    period_start date,
    period_end date,
    due_at date,
    due_precision text NOT NULL DEFAULT 'day' CONSTRAINT items_due_precision_known
      CHECK (due_precision IN ('day','month','quarter','year')),
    initial_status text NOT NULL,
    status text NOT NULL CONSTRAINT items_status_known CHECK (status IN (${STATUSES})),
    status_since timestamptz NOT NULL,
    version integer NOT NULL DEFAULT 1,
    merged_into_id uuid REFERENCES items(id),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    initial_status_since timestamptz NOT NULL,
    search tsvector GENERATED ALWAYS AS
      (setweight(pw_tsv(language, title), 'A') || setweight(pw_tsv(language, statement), 'B')) STORED,
    last_activity_at timestamptz NOT NULL,
    origin_at timestamptz,
    amount_value_max numeric(20,2),
    schedule jsonb,
    target_value numeric(20,2),
    target_unit text CONSTRAINT items_target_unit_known CHECK (target_unit IN ('percent_of_gdp','percent','count')),
    target_label text,
    CONSTRAINT items_amount_value_with_currency CHECK ((amount_value IS NULL) = (amount_currency IS NULL)),
    CONSTRAINT items_period_ordered CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
    CONSTRAINT items_claim_without_commitment_fields
      CHECK (kind = 'commitment' OR (amount_value IS NULL AND recurrence IS NULL AND period_start IS NULL AND period_end IS NULL)),
    CONSTRAINT items_status_on_kind_scale CHECK ((kind = 'claim') = (status IN (${CLAIM_STATUSES}))),
    CONSTRAINT items_initial_status_on_kind_scale CHECK ((kind = 'claim') = (initial_status IN (${CLAIM_STATUSES}))),
    CONSTRAINT items_amount_range CHECK ((amount_qualifier = 'between') = (amount_value_max IS NOT NULL)
      AND (amount_value_max IS NULL OR amount_value_max > amount_value)),
    CONSTRAINT items_schedule_or_amount CHECK (schedule IS NULL OR (amount_value IS NULL AND jsonb_typeof(schedule) = 'array')),
    CONSTRAINT items_target_whole
      CHECK ((target_value IS NULL) = (target_unit IS NULL) AND (target_label IS NULL OR target_value IS NOT NULL)),
    CONSTRAINT items_money_commitment_only CHECK (kind = 'commitment' OR (schedule IS NULL AND target_value IS NULL)))`,
  `CREATE TABLE item_actors (
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    actor_id uuid NOT NULL REFERENCES actors(id),
    role text NOT NULL CONSTRAINT item_actors_role_known CHECK (role IN ('speaker','pledger','beneficiary','subject')),
    PRIMARY KEY (item_id, actor_id, role))`,
  `CREATE TABLE citations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    source_id uuid NOT NULL REFERENCES sources(id),
    role text NOT NULL CONSTRAINT citations_role_known CHECK (role IN ('origin','support','contradict','context')),
    language text,
    quote text NOT NULL,
    translation text,
    selectors jsonb,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    search tsvector GENERATED ALWAYS AS (setweight(pw_tsv(language, quote), 'C')) STORED)`,
  `CREATE TABLE updates (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    seq bigserial NOT NULL,
    status text CONSTRAINT updates_status_known CHECK (status IS NULL OR status IN (${STATUSES})),
    effective_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    recorded_by text NOT NULL,
    note text NOT NULL,
    delivered_value numeric(20,2) CONSTRAINT updates_delivered_nonnegative CHECK (delivered_value >= 0),
    delivered_currency char(3),
    progress_period text,
    progress_percent numeric(5,2) CONSTRAINT updates_percent_in_range CHECK (progress_percent BETWEEN 0 AND 100),
    retracted_at timestamptz,
    retracted_by text,
    retraction_reason text,
    progress_stage text NOT NULL DEFAULT 'delivered' CONSTRAINT updates_progress_stage_known
      CHECK (progress_stage IN ('committed','allocated','delivered')),
    achieved_value numeric(20,2),
    achieved_unit text,
    CONSTRAINT updates_delivered_pair CHECK ((delivered_value IS NULL) = (delivered_currency IS NULL)),
    CONSTRAINT updates_retraction_whole
      CHECK ((retracted_at IS NULL) = (retracted_by IS NULL) AND (retracted_at IS NULL) = (retraction_reason IS NULL)),
    CONSTRAINT updates_achieved_whole
      CHECK ((achieved_value IS NULL) = (achieved_unit IS NULL) AND (achieved_value IS NULL OR achieved_value >= 0)))`,
  `CREATE TABLE evidence (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    update_id uuid NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
    source_id uuid NOT NULL REFERENCES sources(id),
    quote text,
    selectors jsonb,
    position integer NOT NULL DEFAULT 0)`,
  // Status history as validity intervals: "status as of T" is an index lookup.
  `CREATE TABLE status_periods (
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    status text NOT NULL,
    during tstzrange NOT NULL,
    item_created_at timestamptz NOT NULL,
    EXCLUDE USING gist (item_id WITH =, during WITH &&))`,
  `CREATE TABLE follow_ups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    due_at timestamptz NOT NULL,
    note text NOT NULL,
    assignee text,
    repeat_every text,
    state text NOT NULL DEFAULT 'scheduled' CONSTRAINT follow_ups_state_known
      CHECK (state IN ('scheduled','notified','done','cancelled')),
    automatic boolean NOT NULL DEFAULT false,
    notified_at timestamptz,
    completed_at timestamptz,
    completion_note text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    sequence integer NOT NULL DEFAULT 0 CONSTRAINT follow_ups_sequence_nonnegative CHECK (sequence >= 0))`,
  // Outbox: written in the same transaction as the change it describes.
  `CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq bigserial NOT NULL UNIQUE,
    type text NOT NULL,
    data jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz)`,
  `CREATE TABLE webhooks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url text NOT NULL,
    events text[] NOT NULL,
    description text,
    secret text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    disabled_reason text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE idempotency_keys (
    api_key_id uuid NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    response_status integer,
    response_body jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    response_headers jsonb,
    PRIMARY KEY (api_key_id, key))`,
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id uuid NOT NULL,
    change jsonb NOT NULL DEFAULT '{}')`,
];
