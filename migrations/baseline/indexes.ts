/** The indexes of the baseline (primary keys, unique and exclusion constraints come with their tables). */
export const INDEXES = [
  `CREATE UNIQUE INDEX actor_names_folded_key ON actor_names (folded)`,
  `CREATE INDEX actor_names_folded_trgm ON actor_names USING gin (folded gin_trgm_ops)`,
  `CREATE INDEX items_created_at_id ON items (created_at, id)`,
  `CREATE INDEX items_status ON items (status)`,
  `CREATE INDEX items_tags ON items USING gin (tags)`,
  `CREATE INDEX item_actors_actor ON item_actors (actor_id, role)`,
  `CREATE INDEX citations_item ON citations (item_id)`,
  `CREATE INDEX citations_source ON citations (source_id)`,
  `CREATE INDEX updates_item_timeline ON updates (item_id, effective_at, recorded_at, seq)`,
  `CREATE UNIQUE INDEX updates_seq ON updates (seq)`,
  `CREATE INDEX evidence_update ON evidence (update_id)`,
  `CREATE INDEX follow_ups_due ON follow_ups (due_at) WHERE state = 'scheduled'`,
  `CREATE INDEX follow_ups_item ON follow_ups (item_id)`,
  `CREATE INDEX events_undispatched ON events (seq) WHERE dispatched_at IS NULL`,
  `CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id)`,
  // `GET /v1/audit?actor=` and `?from=&to=` read newest first without scanning the whole log.
  `CREATE INDEX audit_log_actor ON audit_log (actor, id)`,
  `CREATE INDEX audit_log_at ON audit_log (at, id)`,
  // Replays expire by age.
  `CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`,
  // Full-text search.
  `CREATE INDEX items_search ON items USING gin (search)`,
  `CREATE INDEX citations_search ON citations USING gin (search)`,
  // Keyset lists: one (sort column, id) index per sort order; merged items never show.
  `CREATE INDEX items_updated_at_id ON items (updated_at, id) WHERE merged_into_id IS NULL`,
  `CREATE INDEX items_due_at_id ON items (due_at, id) WHERE merged_into_id IS NULL`,
  `CREATE INDEX items_last_activity ON items (last_activity_at) WHERE merged_into_id IS NULL`,
  `CREATE INDEX items_merged_into ON items (merged_into_id) WHERE merged_into_id IS NOT NULL`,
  // Stats: counts by status read this index only; amounts read the covering one alone.
  `CREATE INDEX items_kind_status ON items (kind, status) WHERE merged_into_id IS NULL`,
  `CREATE INDEX items_amounts ON items (amount_currency, status)
    INCLUDE (id, amount_value, recurrence, period_start, period_end, origin_at, created_at)
    WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`,
  // Similar pledges: the same amount and currency, the same folded title (one seek each).
  `CREATE INDEX items_amount_value ON items (amount_value, amount_currency)
    WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`,
  `CREATE INDEX items_title_folded ON items (pw_fold(title)) WHERE merged_into_id IS NULL`,
  `CREATE INDEX updates_effective_at ON updates (effective_at) INCLUDE (status) WHERE retracted_at IS NULL`,
  `CREATE INDEX updates_delivered
    ON updates (item_id, progress_period, progress_stage, effective_at DESC, recorded_at DESC, seq DESC)
    INCLUDE (delivered_value, delivered_currency) WHERE delivered_value IS NOT NULL AND retracted_at IS NULL`,
  `CREATE INDEX follow_ups_state_due ON follow_ups (state, due_at)`,
  `CREATE INDEX follow_ups_due_id ON follow_ups (due_at, id)`,
  `CREATE INDEX follow_ups_automatic ON follow_ups (item_id, created_at) WHERE automatic`,
  // Sources ?q= matches this exact expression with LIKE '%…%' (src/sources/sources.service.ts).
  `CREATE INDEX sources_q_trgm ON sources USING gin
    (pw_fold(title || ' ' || coalesce(publisher, '') || ' ' || coalesce(author, '')) gin_trgm_ops)`,
  // Status as of T: the interval bounds (day deltas), and "intervals of status X covering T,
  // newest item first" as a nearest-neighbour walk (`ORDER BY item_created_at <-> far instant`).
  `CREATE INDEX status_periods_lower ON status_periods (lower(during))`,
  `CREATE INDEX status_periods_upper ON status_periods (upper(during))`,
  `CREATE INDEX status_periods_status_during_created ON status_periods USING gist (status, during, item_created_at)`,
  `CREATE INDEX webhook_deliveries_list ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`,
  `CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt)`,
  `CREATE INDEX feeds_list ON feeds (created_at DESC, id DESC)`,
  `CREATE INDEX mail_deliveries_follow_up ON mail_deliveries (follow_up_id, created_at)`,
  `CREATE INDEX mail_attempts_delivery ON mail_attempts (delivery_id, attempt)`,
  // A follow-up's webhook deliveries are found through its follow_up.due events.
  `CREATE INDEX events_follow_up_due ON events (((data->>'followUpId')::uuid)) WHERE type = 'follow_up.due'`,
  // The Atom feed walks item events newest first.
  `CREATE INDEX events_item_changes ON events (seq DESC) WHERE type IN ('item.created', 'item.status_changed')`,
  `CREATE INDEX money_items_currency_rate_date ON money_items (currency, rate_date)`,
  `CREATE INDEX money_items_currency_origin_day ON money_items (currency, origin_day)`,
];
