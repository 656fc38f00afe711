import { TestApp } from '../helpers/app';
import { createItem, startWithSource, pledgeBody } from '../helpers/factories';

/** The money migrations undo and redo cleanly, and the totals come back from what is stored. */
describe('money migrations', () => {
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
    for (let i = 0; i < 3; i++) await t.db.undoLastMigration({ transaction: 'each' });
    const [range] = await t.db.query(`SELECT amount_qualifier FROM items WHERE amount_value = 10`);
    expect(range.amount_qualifier).toBe('at_least');
    expect(await t.db.query(`SELECT to_regclass('amount_totals') AS t`)).toEqual([{ t: null }]);
    await t.db.runMigrations({ transaction: 'each' });
    const after = (await t.get('/v1/stats/amounts')).body;
    expect(after.data[0]).toMatchObject({ pledged: before.data[0].pledged, pledgedMax: '15' });
  });
});
