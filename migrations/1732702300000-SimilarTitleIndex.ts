import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Similar pledges no longer look for candidates by trigrams (issue #15): at a million items the
 * title and statement trigram stages cost 0.1 s and 1 s, reading long posting lists of common
 * trigrams. Candidates now come from the same amount, the same folded title (this index: one
 * seek) and full text; trigram similarity is still a score signal, computed on those few rows.
 * The two trigram indexes served only that stage: dropped, so every write maintains two fewer
 * GIN indexes.
 */
export class SimilarTitleIndex1732702300000 implements MigrationInterface {
  name = 'SimilarTitleIndex1732702300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX items_title_folded ON items (pw_fold(title)) WHERE merged_into_id IS NULL`);
    await q.query(`DROP INDEX items_title_trgm`);
    await q.query(`DROP INDEX items_statement_trgm`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX items_statement_trgm ON items USING gin (pw_fold(statement) gin_trgm_ops) WHERE merged_into_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX items_title_trgm ON items USING gin (pw_fold(title) gin_trgm_ops) WHERE merged_into_id IS NULL`,
    );
    await q.query(`DROP INDEX items_title_folded`);
  }
}
