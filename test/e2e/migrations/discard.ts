import { TestApp } from '../../helpers/app';
import { createSource, pledgeBody } from '../../helpers/factories';

/** migrations/1732703400000-DiscardedItems.ts: its down brings discarded items back; its up adds the columns again. */
describe('the discarded-items migration', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('should undo to items without a discard, the discarded ones back, and redo', async () => {
    const sourceId = (await createSource(t)).id;
    const created = await t.post('/v1/items', pledgeBody(sourceId));
    const id = created.body.id as string;
    expect(
      (await t.delete(`/v1/items/${id}`, { headers: { 'if-match': String(created.headers.etag) } })).status,
    ).toBe(204);
    // Back to before it (and before any migration that came after it).
    const applied = async () =>
      (await t.db.query<{ name: string }[]>(`SELECT name FROM migrations`)).map((m) => m.name);
    expect(await applied()).toContain('DiscardedItems1732703400000');
    while ((await applied()).includes('DiscardedItems1732703400000'))
      await t.db.undoLastMigration({ transaction: 'each' });
    const row = await t.db.query<object[]>(`SELECT merged_into_id FROM items WHERE id = $1`, [id]);
    expect(row).toEqual([{ merged_into_id: null }]);
    const columns = await t.db.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'items' AND column_name LIKE 'discarded_%'`,
    );
    expect(columns).toEqual([{ n: 0 }]);
    await t.db.runMigrations({ transaction: 'each' });
    expect((await t.get(`/v1/items/${id}`)).status).toBe(200);
  });
});
