import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Atom changes feed lists `item.source_changed` too (issue #26): the partial index it walks
 * newest first takes the third event type, so the feed's page stays an index scan.
 */
export class SourceChangesInFeeds1732703900000 implements MigrationInterface {
  name = 'SourceChangesInFeeds1732703900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_item_changes`);
    await q.query(
      `CREATE INDEX events_item_changes ON events (seq DESC)
         WHERE type IN ('item.created', 'item.status_changed', 'item.source_changed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_item_changes`);
    await q.query(
      `CREATE INDEX events_item_changes ON events (seq DESC) WHERE type IN ('item.created', 'item.status_changed')`,
    );
  }
}
