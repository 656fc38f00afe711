import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CSV export joins an item's tags with "; ", so a tag holding ";" made the cell split back
 * into other tags than the item has. Tags now never hold ";" (the API answers 422): a tag stored
 * before with ";" was, to a reader of the export, already several tags, so it becomes those tags
 * (split on ";", trimmed, empty parts dropped, duplicates dropped in order), and the item's
 * version moves on so cached copies and If-Match see the change. The CHECK keeps every writer to
 * the rule. `down` drops the CHECK; it cannot tell which tags were split.
 */
export class TagsWithoutSemicolons1732702530000 implements MigrationInterface {
  name = 'TagsWithoutSemicolons1732702530000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE items i SET version = i.version + 1, updated_at = now(),
             tags = ARRAY(SELECT tag FROM (
                      SELECT btrim(p.part) AS tag, min(u.o * 1000 + p.k) AS first
                        FROM unnest(i.tags) WITH ORDINALITY AS u(tag, o)
                        CROSS JOIN LATERAL unnest(string_to_array(u.tag, ';')) WITH ORDINALITY AS p(part, k)
                       WHERE btrim(p.part) <> ''
                       GROUP BY 1) t ORDER BY first)
       WHERE strpos(array_to_string(i.tags, ''), ';') > 0`);
    await q.query(
      `ALTER TABLE items ADD CONSTRAINT items_tags_no_semicolon CHECK (strpos(array_to_string(tags, ''), ';') = 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_tags_no_semicolon`);
  }
}
