import { MIGRATIONS } from '../../../src/database/migrations';
import { MONEY_TOTALS_BULK_REBUILD } from '../../../src/database/functions/money-totals';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, pledgeBody, startWithSource } from '../../helpers/factories';
import { dumpSchema } from '../../schema/dump';

/** The baseline migration undoes and redoes cleanly; the trigger-kept totals hold under concurrent writers. */
describe('money totals: migrations and concurrency', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(() => t.close());

  it('should go down to an empty schema and up again to the same one, ranges counted by both bounds after', async () => {
    const schema = await dumpSchema(t.databaseUrl);
    await t.keepingKeys(async () => {
      // Every migration back to, and with, the baseline.
      for (const _ of MIGRATIONS) await t.db.undoLastMigration({ transaction: 'each' });
      const [left] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations') AS tables,
                (SELECT count(*)::int FROM pg_proc WHERE proname LIKE 'pw\\_%') AS functions`,
      );
      expect(left).toEqual({ tables: 0, functions: 0 });
      await t.db.runMigrations({ transaction: 'each' });
    });
    expect(await dumpSchema(t.databaseUrl)).toBe(schema);
    const source = await createSource(t);
    await createItem(
      t,
      pledgeBody(source.id, {
        recurrence: 'once',
        amount: { value: '10', valueMax: '20', currency: 'EUR', qualifier: 'between' },
      }),
    );
    await createItem(
      t,
      pledgeBody(source.id, { recurrence: 'once', amount: { value: '5', currency: 'EUR' } }),
    );
    const after = (await t.get('/v1/stats/amounts')).body;
    expect(after.data[0]).toMatchObject({ pledged: '15', pledgedMax: '25' });
    sourceId = source.id;
  });

  it('should keep the totals exact under concurrent money writes, none of them failing', async () => {
    const pledgers = await Promise.all(
      [1, 2, 3].map(async (i) => (await createActor(t, { name: `Concurrent donor ${i}` })).id),
    );
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.post(
          '/v1/items',
          pledgeBody(sourceId, {
            title: `Concurrent pledge ${i}`,
            recurrence: i % 2 ? 'annual' : 'once',
            amount: { value: String(100 + i), currency: i % 3 ? 'EUR' : 'USD' },
            actors: [{ actorId: pledgers[i % 3], role: 'pledger' }],
          }),
        ),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const kept = await Promise.all(
      ['', '?groupBy=pledger', '?groupBy=period'].map((q) => t.get(`/v1/stats/amounts${q}`)),
    );
    await t.db.query(MONEY_TOTALS_BULK_REBUILD);
    const rebuilt = await Promise.all(
      ['', '?groupBy=pledger', '?groupBy=period'].map((q) => t.get(`/v1/stats/amounts${q}`)),
    );
    expect(rebuilt.map((r) => r.body)).toEqual(kept.map((r) => r.body));
  });
});
