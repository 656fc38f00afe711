import { MoneyModel1732701300000 } from '../../migrations/1732701300000-MoneyModel';
import { MIGRATIONS } from '../../src/database/migrations';
import { TestApp } from '../helpers/app';

/** Every migration from the money model on, later ones included: undone last first. */
const sinceMoneyModel = MIGRATIONS.length - MIGRATIONS.indexOf(MoneyModel1732701300000);
import { MONEY_TOTALS_BULK_REBUILD } from '../../migrations/1732701320000-MoneyBulkRebuild';
import { createActor, createItem, pledgeBody, startWithSource } from '../helpers/factories';

/** The money migrations undo and redo cleanly; the trigger-kept totals hold under concurrent writers. */
describe('money totals: migrations and concurrency', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(() => t.close());

  it('should go down to the earlier money model and up again, ranges counted by their lower bound in between', async () => {
    await createItem(
      t,
      pledgeBody(sourceId, {
        recurrence: 'once',
        amount: { value: '10', valueMax: '20', currency: 'EUR', qualifier: 'between' },
      }),
    );
    await createItem(
      t,
      pledgeBody(sourceId, { recurrence: 'once', amount: { value: '5', currency: 'EUR' } }),
    );
    const before = (await t.get('/v1/stats/amounts')).body;
    for (let i = 0; i < sinceMoneyModel; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const [range] = await t.db.query(`SELECT amount_qualifier FROM items WHERE amount_value = 10`);
    expect(range.amount_qualifier).toBe('at_least');
    expect(await t.db.query(`SELECT to_regclass('amount_totals') AS t`)).toEqual([{ t: null }]);
    await t.db.runMigrations({ transaction: 'each' });
    const after = (await t.get('/v1/stats/amounts')).body;
    expect(after.data[0]).toMatchObject({ pledged: before.data[0].pledged, pledgedMax: '15' });
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
