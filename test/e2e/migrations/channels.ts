import { MIGRATIONS } from '../../../src/database/migrations';
import { TestApp } from '../../helpers/app';

/** Feeds, mail and the follow-up change counting go with the baseline's down, and come back with its up. */
describe('reminder channel migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('should go down to before feeds and mail, and up again', async () => {
    expect((await t.post('/v1/feeds', { kind: 'follow-ups' })).status).toBe(201);
    await t.keepingKeys(async () => {
      // Every migration back to, and with, the baseline.
      for (const _ of MIGRATIONS) await t.db.undoLastMigration({ transaction: 'each' });
      const gone = await t.db.query(
        `SELECT to_regclass('feeds') AS feeds, to_regclass('mail_deliveries') AS mail,
                (SELECT count(*)::int FROM pg_trigger WHERE tgname = 'follow_ups_count_change') AS counted`,
      );
      expect(gone).toEqual([{ feeds: null, mail: null, counted: 0 }]);
      await t.db.runMigrations({ transaction: 'each' });
    });
    expect((await t.post('/v1/feeds', { kind: 'changes' })).status).toBe(201);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'follow_ups_count_change'`)
      )[0].n,
    ).toBe(1);
  });
});
