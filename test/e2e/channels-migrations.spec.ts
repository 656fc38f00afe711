import { TestApp } from '../helpers/app';

/** The feeds-and-mail migration and the follow-up change counting undo and redo cleanly. */
describe('reminder channel migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('should go down to before feeds and mail, and up again', async () => {
    const created = await t.post('/v1/feeds', { kind: 'follow-ups' });
    expect(created.status).toBe(201);
    const last = async () =>
      (await t.db.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name;
    while ((await last()) !== 'FeedsAndMail1732700900000')
      await t.db.undoLastMigration({ transaction: 'each' });
    await t.db.undoLastMigration({ transaction: 'each' });
    const gone = await t.db.query(
      `SELECT to_regclass('feeds') AS feeds, to_regclass('mail_deliveries') AS mail,
              (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'follow_ups' AND column_name = 'sequence') AS sequence,
              (SELECT count(*)::int FROM pg_trigger WHERE tgname = 'follow_ups_count_change') AS counted`,
    );
    expect(gone).toEqual([{ feeds: null, mail: null, sequence: 0, counted: 0 }]);
    await t.db.runMigrations({ transaction: 'each' });
    expect((await t.post('/v1/feeds', { kind: 'changes' })).status).toBe(201);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'follow_ups_count_change'`)
      )[0].n,
    ).toBe(1);
  });
});
