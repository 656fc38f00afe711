import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

/** TagsWithoutSemicolons: tags stored with ";" before it become the tags a reader of the CSV saw. */
describe('the tags-without-semicolons migration', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  const last = async () =>
    (await t.db.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name;

  it('should split stored tags on ";", bump the item’s version, and then refuse ";" to every writer', async () => {
    const item = await createItem(t, pledgeBody((await createSource(t)).id));
    while ((await last()) !== 'TagsWithoutSemicolons1732702530000')
      await t.db.undoLastMigration({ transaction: 'each' });
    await t.db.undoLastMigration({ transaction: 'each' });
    await t.db.query(`UPDATE items SET tags = $1 WHERE id = $2`, [
      ['aid; training', 'x', ' ;training;;aid ', 'y'],
      item.id,
    ]);
    await t.db.runMigrations({ transaction: 'each' });
    const [row] = await t.db.query(`SELECT tags, version FROM items WHERE id = $1`, [item.id]);
    expect(row).toEqual({ tags: ['aid', 'training', 'x', 'y'], version: item.version + 1 });
    await expect(t.db.query(`UPDATE items SET tags = '{"a;b"}' WHERE id = $1`, [item.id])).rejects.toThrow(
      /items_tags_no_semicolon/,
    );
  });
});
