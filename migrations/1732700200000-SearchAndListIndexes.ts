import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search, trigram similarity, and an index for every hot list, search and stats query.
 *
 * - `items.search` and `citations.search` are generated tsvectors: each text is stemmed with the
 *   configuration of its own language (French, English, else 'simple') after pw_fold (lower +
 *   unaccent), so `entraînement`, `entrainement` and `ENTRAINEMENT` meet. Generated columns keep
 *   them right for every writer (API, COPY, merge) without triggers.
 * - `items.last_activity_at` (for `staleDays`) and `items.origin_at` (the default start of a
 *   recurring pledge's periods) are facts of other tables, kept in step by triggers so that list
 *   and stats queries read one row per item instead of joining at a million rows.
 */
export class SearchAndListIndexes1732700200000 implements MigrationInterface {
  name = 'SearchAndListIndexes1732700200000';

  async up(q: QueryRunner): Promise<void> {
    // regconfig lookups are STABLE in PostgreSQL; these three names are built in and never change.
    await q.query(`CREATE FUNCTION pw_ts_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN lower($1) LIKE 'fr%' THEN 'pg_catalog.french'::regconfig
                        WHEN lower($1) LIKE 'en%' THEN 'pg_catalog.english'::regconfig
                        ELSE 'pg_catalog.simple'::regconfig END $$`);
    await q.query(`CREATE FUNCTION pw_tsv(language text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT to_tsvector(pw_ts_config($1), coalesce(pw_fold($2), '')) $$`);
    // A query's language is unknown: it matches when it matches in any of the three configurations.
    await q.query(`CREATE FUNCTION pw_tsquery(query text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT websearch_to_tsquery('pg_catalog.french', pw_fold($1)) || websearch_to_tsquery('pg_catalog.english', pw_fold($1))
                   || websearch_to_tsquery('pg_catalog.simple', pw_fold($1)) $$`);

    await q.query(`ALTER TABLE items ADD COLUMN search tsvector GENERATED ALWAYS AS
      (setweight(pw_tsv(language, title), 'A') || setweight(pw_tsv(language, statement), 'B')) STORED`);
    await q.query(`ALTER TABLE citations ADD COLUMN search tsvector GENERATED ALWAYS AS
      (setweight(pw_tsv(language, quote), 'C')) STORED`);
    await q.query(`CREATE INDEX items_search ON items USING gin (search)`);
    await q.query(`CREATE INDEX citations_search ON citations USING gin (search)`);

    // Duplicates: trigram similarity over folded titles and statements.
    await q.query(
      `CREATE INDEX items_title_trgm ON items USING gin (pw_fold(title) gin_trgm_ops) WHERE merged_into_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX items_statement_trgm ON items USING gin (pw_fold(statement) gin_trgm_ops) WHERE merged_into_id IS NULL`,
    );

    await this.activityColumns(q);

    // Keyset lists: one (sort column, id) index per sort order; merged items never show.
    await q.query(`CREATE INDEX items_updated_at_id ON items (updated_at, id) WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX items_due_at_id ON items (due_at, id) WHERE merged_into_id IS NULL`);
    await q.query(
      `CREATE INDEX items_last_activity ON items (last_activity_at) WHERE merged_into_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX items_merged_into ON items (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    );
    // Stats: counts by status read this index only; amounts read the partial covering one.
    await q.query(`CREATE INDEX items_kind_status ON items (kind, status) WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX items_amounts ON items (amount_currency, status)
      INCLUDE (amount_value, recurrence, period_start, period_end, origin_at, created_at)
      WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`);
    await q.query(
      `CREATE INDEX updates_effective_at ON updates (effective_at) INCLUDE (status) WHERE retracted_at IS NULL`,
    );
    await q.query(`CREATE INDEX updates_delivered ON updates (item_id, progress_period, effective_at DESC, recorded_at DESC, seq DESC)
      INCLUDE (delivered_value, delivered_currency) WHERE delivered_value IS NOT NULL AND retracted_at IS NULL`);
    await q.query(`CREATE INDEX follow_ups_state_due ON follow_ups (state, due_at)`);
    // Sources ?q= matches this exact expression with LIKE '%…%' (src/sources/sources.service.ts).
    await q.query(`CREATE INDEX sources_q_trgm ON sources USING gin
      (pw_fold(title || ' ' || coalesce(publisher, '') || ' ' || coalesce(author, '')) gin_trgm_ops)`);
  }

  private async activityColumns(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE items ADD COLUMN last_activity_at timestamptz, ADD COLUMN origin_at timestamptz`,
    );
    // Staleness: the latest non-retracted update in the world, or the initial status when none.
    await q.query(`CREATE FUNCTION pw_touch_last_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE items i SET last_activity_at = coalesce(
            (SELECT max(u.effective_at) FROM updates u WHERE u.item_id = i.id AND u.retracted_at IS NULL), i.status_since)
          WHERE i.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER updates_last_activity AFTER INSERT OR DELETE OR UPDATE OF item_id, effective_at, retracted_at
      ON updates FOR EACH ROW EXECUTE FUNCTION pw_touch_last_activity()`);
    await q.query(`CREATE FUNCTION pw_default_last_activity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.last_activity_at := coalesce(NEW.last_activity_at, NEW.status_since); RETURN NEW; END $$`);
    await q.query(
      `CREATE TRIGGER items_default_last_activity BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION pw_default_last_activity()`,
    );
    // The earliest publication date among an item's origin sources.
    await q.query(`CREATE FUNCTION pw_touch_origin_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE items i SET origin_at = (SELECT min(s.published_at) FROM citations c JOIN sources s ON s.id = c.source_id
                                        WHERE c.item_id = i.id AND c.role = 'origin')
          WHERE i.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER citations_origin_at AFTER INSERT OR DELETE OR UPDATE OF item_id, role, source_id
      ON citations FOR EACH ROW EXECUTE FUNCTION pw_touch_origin_at()`);
    await q.query(`UPDATE items i SET last_activity_at = coalesce(
      (SELECT max(u.effective_at) FROM updates u WHERE u.item_id = i.id AND u.retracted_at IS NULL), i.status_since)`);
    await q.query(`UPDATE items i SET origin_at = (SELECT min(s.published_at) FROM citations c JOIN sources s ON s.id = c.source_id
      WHERE c.item_id = i.id AND c.role = 'origin')`);
    await q.query(`ALTER TABLE items ALTER COLUMN last_activity_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'sources_q_trgm',
      'follow_ups_state_due',
      'updates_delivered',
      'updates_effective_at',
      'items_amounts',
      'items_kind_status',
      'items_merged_into',
      'items_last_activity',
      'items_due_at_id',
      'items_updated_at_id',
      'items_statement_trgm',
      'items_title_trgm',
      'citations_search',
      'items_search',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DROP TRIGGER citations_origin_at ON citations`);
    await q.query(`DROP TRIGGER items_default_last_activity ON items`);
    await q.query(`DROP TRIGGER updates_last_activity ON updates`);
    await q.query(`DROP FUNCTION pw_touch_origin_at(), pw_default_last_activity(), pw_touch_last_activity()`);
    await q.query(`ALTER TABLE citations DROP COLUMN search`);
    await q.query(
      `ALTER TABLE items DROP COLUMN search, DROP COLUMN last_activity_at, DROP COLUMN origin_at`,
    );
    await q.query(`DROP FUNCTION pw_tsquery(text), pw_tsv(text, text), pw_ts_config(text)`);
  }
}
