import { runMigrations } from '../../../src/database/data-source';
import { MIGRATIONS } from '../../../src/database/migrations';
import { TEMPLATE_DB, withDatabase } from '../../helpers/database';
import { declarationDrift } from '../../schema/drift';
import { dumpSchema, withClient as sql } from '../../schema/dump';
import { legacyMigrations, runLegacyMigrations } from '../../schema/legacy';

const adminUrl = () => process.env.PLEDGEWATCH_TEST_ADMIN_URL!;

/** A new empty database on the test server; dropped by `drop`. */
async function emptyDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `pledgewatch_upgrade_${name}_${process.pid}`;
  await sql(adminUrl(), (c) => c.query(`CREATE DATABASE ${database}`));
  return {
    url: withDatabase(adminUrl(), database),
    drop: () =>
      sql(adminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

const legacy = legacyMigrations();
const withHistory = 'migrations' in legacy ? it : it.skip;
if ('unavailable' in legacy) console.warn(`upgrade specs skipped: ${legacy.unavailable}`);

/** A deployment that ran the squashed migrations moves to the baseline without a change. */
describe('upgrading a database migrated before the baseline', () => {
  withHistory(
    'should record the baseline, change nothing, keep the data and end like a fresh database',
    async () => {
      const db = await emptyDatabase('full');
      try {
        await runLegacyMigrations(db.url, 'migrations' in legacy ? legacy.migrations : []);
        const totals = `SELECT dim, key, currency, pledged FROM amount_totals ORDER BY 1, 2, 3`;
        const before = await sql(db.url, async (c) => {
          await c.query(`INSERT INTO items (kind, title, statement, language, amount_value, amount_currency, recurrence,
                         initial_status, status, status_since, initial_status_since, created_by)
                       VALUES ('commitment', 'A pledge', 'A pledge.', 'en', 100, 'EUR', 'once',
                         'proposed', 'proposed', now(), now(), 'test')`);
          return (await c.query(totals)).rows;
        });
        expect(before).toContainEqual({ dim: 'status', key: 'proposed', currency: 'EUR', pledged: '100.00' });

        // The baseline records itself and changes nothing; the migrations after it then run as on any database.
        expect(await runMigrations(db.url)).toEqual(MIGRATIONS.map((m) => m.name));

        expect(await sql(db.url, async (c) => (await c.query(totals)).rows)).toEqual(before);
        expect(await dumpSchema(db.url)).toBe(await dumpSchema(withDatabase(adminUrl(), TEMPLATE_DB)));
        expect(await sql(db.url, declarationDrift)).toEqual([]);
      } finally {
        await db.drop();
      }
    },
  );

  withHistory(
    'should refuse a database that ran only some of the squashed migrations, saying what to do',
    async () => {
      const db = await emptyDatabase('part');
      try {
        const all = 'migrations' in legacy ? legacy.migrations : [];
        await runLegacyMigrations(db.url, all.slice(0, -3));
        await expect(runMigrations(db.url)).rejects.toThrow(
          /ran 20 of the 23 migrations .*StatusPeriodsCreationOrder/s,
        );
      } finally {
        await db.drop();
      }
    },
  );
});
