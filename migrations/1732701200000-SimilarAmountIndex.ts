import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * /v1/items/similar and possibleDuplicates look up items with the same amount and currency
 * first (the strongest sign of the same pledge): an index that seeks by value, bounded by LIMIT.
 */
export class SimilarAmountIndex1732701200000 implements MigrationInterface {
  name = 'SimilarAmountIndex1732701200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX items_amount_value ON items (amount_value, amount_currency)
      WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX items_amount_value`);
  }
}
