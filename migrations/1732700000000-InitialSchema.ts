import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema: sources, actors, items with citations, the timeline, follow-ups,
 * the event outbox, webhooks, API keys, idempotency records and the audit trail.
 * Constraints the domain relies on live here too (enums as CHECKs, positive amounts, FKs).
 */
export class InitialSchema1732700000000 implements MigrationInterface {
  name = 'InitialSchema1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // unaccent() is only STABLE; this wrapper names its dictionary so it can be IMMUTABLE and indexed.
    await q.query(`CREATE FUNCTION pw_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin','editor','viewer')),
      key_hash text NOT NULL UNIQUE,
      key_prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz)`);

    await q.query(`CREATE TABLE sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      canonical_url text NOT NULL UNIQUE,
      title text NOT NULL,
      publisher text,
      author text,
      published_at timestamptz,
      language text NOT NULL,
      kind text NOT NULL DEFAULT 'news_article'
        CHECK (kind IN ('news_article','official_statement','transcript','report','dataset','other')),
      text text,
      content_hash text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((text IS NULL) = (content_hash IS NULL)))`);

    await q.query(`CREATE TABLE actors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('person','organization','country','group')),
      aliases text[] NOT NULL DEFAULT '{}',
      description text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // Every name and alias of every actor, folded: the unique index makes them unique across actors.
    await q.query(`CREATE TABLE actor_names (
      actor_id uuid NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
      name text NOT NULL,
      folded text GENERATED ALWAYS AS (pw_fold(name)) STORED,
      PRIMARY KEY (actor_id, name))`);
    await q.query(`CREATE UNIQUE INDEX actor_names_folded_key ON actor_names (folded)`);
    await q.query(`CREATE INDEX actor_names_folded_trgm ON actor_names USING gin (folded gin_trgm_ops)`);

    await q.query(`CREATE TABLE items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('claim','commitment')),
      title text NOT NULL,
      statement text NOT NULL,
      language text NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      amount_value numeric(20,2) CHECK (amount_value > 0),
      amount_currency char(3),
      amount_qualifier text CHECK (amount_qualifier IN ('exactly','at_least','up_to','approximately')),
      recurrence text CHECK (recurrence IN ('once','annual','quarterly','monthly')),
      period_start date,
      period_end date,
      due_at date,
      due_precision text NOT NULL DEFAULT 'day' CHECK (due_precision IN ('day','month','quarter','year')),
      initial_status text NOT NULL,
      status text NOT NULL,
      status_since timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      merged_into_id uuid REFERENCES items(id),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((amount_value IS NULL) = (amount_currency IS NULL)),
      CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
      CHECK (kind = 'commitment' OR (amount_value IS NULL AND recurrence IS NULL AND period_start IS NULL AND period_end IS NULL)),
      CHECK (status IN ('proposed','agreed','in_progress','fulfilled','partially_fulfilled','stalled','broken','withdrawn','unverified','confirmed','misleading','disputed','refuted')),
      CHECK ((kind = 'claim') = (status IN ('unverified','confirmed','misleading','disputed','refuted'))),
      CHECK ((kind = 'claim') = (initial_status IN ('unverified','confirmed','misleading','disputed','refuted'))))`);
    await q.query(`CREATE INDEX items_created_at_id ON items (created_at, id)`);
    await q.query(`CREATE INDEX items_status ON items (status)`);
    await q.query(`CREATE INDEX items_tags ON items USING gin (tags)`);

    await q.query(`CREATE TABLE item_actors (
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      actor_id uuid NOT NULL REFERENCES actors(id),
      role text NOT NULL CHECK (role IN ('speaker','pledger','beneficiary','subject')),
      PRIMARY KEY (item_id, actor_id, role))`);
    await q.query(`CREATE INDEX item_actors_actor ON item_actors (actor_id, role)`);

    await q.query(`CREATE TABLE citations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      source_id uuid NOT NULL REFERENCES sources(id),
      role text NOT NULL CHECK (role IN ('origin','support','contradict','context')),
      language text,
      quote text NOT NULL,
      translation text,
      selectors jsonb,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX citations_item ON citations (item_id)`);
    await q.query(`CREATE INDEX citations_source ON citations (source_id)`);

    await q.query(`CREATE TABLE updates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      seq bigserial NOT NULL,
      status text,
      effective_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by text NOT NULL,
      note text NOT NULL,
      delivered_value numeric(20,2) CHECK (delivered_value >= 0),
      delivered_currency char(3),
      progress_period text,
      progress_percent numeric(5,2) CHECK (progress_percent BETWEEN 0 AND 100),
      retracted_at timestamptz,
      retracted_by text,
      retraction_reason text)`);
    await q.query(`CREATE INDEX updates_item_timeline ON updates (item_id, effective_at, recorded_at, seq)`);
    await q.query(`CREATE TABLE evidence (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      update_id uuid NOT NULL REFERENCES updates(id) ON DELETE CASCADE,
      source_id uuid NOT NULL REFERENCES sources(id),
      quote text,
      selectors jsonb)`);
    await q.query(`CREATE INDEX evidence_update ON evidence (update_id)`);

    // Status history as validity intervals: "status as of T" is an index lookup.
    await q.query(`CREATE TABLE status_periods (
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      status text NOT NULL,
      during tstzrange NOT NULL,
      EXCLUDE USING gist (item_id WITH =, during WITH &&))`);

    await q.query(`CREATE TABLE follow_ups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      due_at timestamptz NOT NULL,
      note text NOT NULL,
      assignee text,
      repeat_every text,
      state text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled','notified','done','cancelled')),
      automatic boolean NOT NULL DEFAULT false,
      notified_at timestamptz,
      completed_at timestamptz,
      completion_note text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX follow_ups_due ON follow_ups (due_at) WHERE state = 'scheduled'`);
    await q.query(`CREATE INDEX follow_ups_item ON follow_ups (item_id)`);

    // Outbox: written in the same transaction as the change it describes.
    await q.query(`CREATE TABLE events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      type text NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      dispatched_at timestamptz)`);
    await q.query(`CREATE INDEX events_undispatched ON events (seq) WHERE dispatched_at IS NULL`);

    await q.query(`CREATE TABLE webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      events text[] NOT NULL,
      description text,
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      disabled_reason text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE idempotency_keys (
      api_key_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (api_key_id, key))`);

    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      change jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'idempotency_keys',
      'webhooks',
      'events',
      'follow_ups',
      'status_periods',
      'evidence',
      'updates',
      'citations',
      'item_actors',
      'items',
      'actor_names',
      'actors',
      'sources',
      'api_keys',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION pw_fold(text)`);
  }
}
