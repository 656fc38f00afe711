import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public tracker pages (issue #28): a published filter at /p/<slug>. Unpublishing deletes the
 * row, and every replica reads it on every request, so a page is gone everywhere at once.
 */
export class Publications1732703600001 implements MigrationInterface {
  name = 'Publications1732703600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        title text NOT NULL,
        description text,
        filter jsonb NOT NULL,
        language text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT publications_pkey PRIMARY KEY (id),
        CONSTRAINT publications_slug_key UNIQUE (slug),
        CONSTRAINT publications_slug_form CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publications`);
  }
}
