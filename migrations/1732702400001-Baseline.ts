import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createFunction,
  createTrigger,
  dropFunction,
  dropTrigger,
  FUNCTIONS,
  SEARCH_FUNCTIONS,
  TRIGGERS,
} from '../src/database/functions';
import { INDEXES } from './baseline/indexes';
import { KEPT_TABLES } from './baseline/kept-tables';
import { RECORD_TABLES } from './baseline/tables';

/**
 * The 23 migrations up to ShorterWriteLocks, squashed (docs/adr/0006-database-functions-declared-once.md).
 * They are in git history up to commit 1ad2d89; a database that ran them has what this builds.
 */
export const SQUASHED = [
  'InitialSchema1732700000000',
  'Timeline1732700100000',
  'SearchAndListIndexes1732700200000',
  'StatusCounts1732700250000',
  'AmountsIndexCoversId1732700260000',
  'DeliveredLatest1732700270000',
  'WebhookDeliveries1732700300000',
  'AuditLogIndexes1732700400000',
  'ChangeNotifications1732700800000',
  'StatusDayDeltas1732700810000',
  'FeedsAndMail1732700900000',
  'SimilarAmountIndex1732701200000',
  'MoneyModel1732701300000',
  'MoneyTotals1732701310000',
  'MoneyBulkRebuild1732701320000',
  'FollowUpsCountChanges1732701400000',
  'MoneyTotalsLock1732701500000',
  'NameCheckConstraints1732702000000',
  'MoneyRevalue1732702100000',
  'MoneyRevalueSpans1732702110000',
  'StatusPeriodsCreationOrder1732702200000',
  'SimilarTitleIndex1732702300000',
  'ShorterWriteLocks1732702400000',
];

const TABLES = [...RECORD_TABLES, ...KEPT_TABLES];
const EXTENSIONS = ['pg_trgm', 'unaccent', 'btree_gist'];

const tableName = (ddl: string) => /CREATE TABLE (\w+)/.exec(ddl)![1];

/**
 * The whole schema: extensions, the search functions the tables' generated columns use, the
 * tables, their indexes, the change counter's slots, then every other declared function and
 * trigger (src/database/functions). On a database that already ran every squashed migration it
 * does nothing: the schema is the same (schema:check builds both ways and compares them).
 */
export class Baseline1732702400001 implements MigrationInterface {
  name = 'Baseline1732702400001';

  async up(q: QueryRunner): Promise<void> {
    const table = q.connection.options.migrationsTableName ?? 'migrations';
    const ran = (await q.query(`SELECT name FROM ${table} WHERE name = ANY($1) ORDER BY id`, [SQUASHED])) as {
      name: string;
    }[];
    if (ran.length === SQUASHED.length) return;
    if (ran.length > 0)
      throw new Error(
        `This database ran ${ran.length} of the ${SQUASHED.length} migrations the baseline replaces ` +
          `(the last: ${ran[ran.length - 1].name}). Migrate it with a release before the baseline first ` +
          '(git commit 1ad2d89). A database that stopped at StatusPeriodsCreationOrder on PostgreSQL 15 never ' +
          'served a request: drop it and let this release create it.',
      );
    for (const extension of EXTENSIONS) await q.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    for (const f of SEARCH_FUNCTIONS) await q.query(createFunction(f));
    for (const ddl of TABLES) await q.query(ddl);
    for (const ddl of INDEXES) await q.query(ddl);
    await q.query(`INSERT INTO change_counters (slot) SELECT generate_series(0, 15)`);
    for (const f of FUNCTIONS) if (!SEARCH_FUNCTIONS.includes(f)) await q.query(createFunction(f));
    for (const t of TRIGGERS) await q.query(createTrigger(t));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await q.query(dropTrigger(t));
    const later = FUNCTIONS.filter((f) => !SEARCH_FUNCTIONS.includes(f));
    for (const f of [...later].reverse()) await q.query(dropFunction(f));
    for (const ddl of [...TABLES].reverse()) await q.query(`DROP TABLE ${tableName(ddl)}`);
    for (const f of [...SEARCH_FUNCTIONS].reverse()) await q.query(dropFunction(f));
  }
}
