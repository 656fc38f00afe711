import { TestApp } from '../../helpers/app';
import { createItem, pledgeBody, startWithSource } from '../../helpers/factories';
import { fullTextQuery, WORD_SCAN_LIMIT } from '../../../src/items/similarity/queries';
import { contentWords } from '../../../src/items/similarity/traits';

/**
 * possibleDuplicates among many items that share the common words of a new item: the full-text
 * stage asks the index for the rarer words only (word-rarity.ts), so the near-duplicate is found
 * however many items hold the common ones.
 */
describe('possibleDuplicates among many items sharing common words', () => {
  let t: TestApp;
  let sourceId: string;
  let original: string;
  const COMMON = WORD_SCAN_LIMIT * 3;
  const NEW_TITLE = 'Allies to get drones from the Tarnow tungsten foundry';

  beforeAll(async () => {
    ({ t, sourceId } = await startWithSource());
    // Straight in SQL, before any lookup reads the statistics: the common items first, then the
    // original last in table order, where a scan of the first rows holding any word never reaches.
    const insert = `INSERT INTO items (kind, title, statement, language, initial_status, status, status_since,
        initial_status_since, last_activity_at, created_by)
      SELECT 'claim', $1 || ' ' || g, $1 || '.', 'en', 'unverified', 'unverified', now(), now(), now(), 'spec'
        FROM generate_series(1, $2::int) AS g RETURNING id`;
    await t.db.query(insert, ['Allied drones and ammunition reach the front', COMMON]);
    [{ id: original }] = await t.db.query<Array<{ id: string }>>(insert, [
      'Tungsten foundry in Tarnow builds drones for the allies',
      1,
    ]);
    await t.db.query('ANALYZE items');
  });
  afterAll(() => t.close());

  it('should find the near-duplicate behind the items that only share its common words', async () => {
    const created = await createItem(
      t,
      pledgeBody(sourceId, {
        kind: 'claim',
        title: NEW_TITLE,
        statement: `${NEW_TITLE}.`,
        amount: null,
        recurrence: null,
        status: 'unverified',
      }),
    );
    const hints = created.possibleDuplicates as Array<{ id: string; signals: { words: string[] } }>;
    expect(hints[0]?.id).toBe(original);
    expect(hints[0].signals.words).toEqual(expect.arrayContaining(['tungsten', 'foundri']));
  });

  it('should not have found it by reading the first rows that hold any of the words', async () => {
    // What the stage did without statistics: the common items crowd the original out.
    const q = fullTextQuery(contentWords(`${NEW_TITLE} ${NEW_TITLE}.`, 'en'));
    const ids = (await t.db.query<Array<{ id: string }>>(q!.sql, q!.values)).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain(original);
  });
});
