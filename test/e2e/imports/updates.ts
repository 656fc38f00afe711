import { ImportWriter } from '../../../src/imports/import-writer';
import type { Planned } from '../../../src/imports/import-plan';
import { ImportsRepository } from '../../../src/imports/imports.repository';
import { TestApp } from '../../helpers/app';
import { postImport } from '../../helpers/multipart';
import { statementsOf } from '../../helpers/statements';

const MAPPING = {
  rowKey: 'Ref',
  actor: 'Donor',
  title: 'Description',
  amount: 'Value (EUR m)',
  dueAt: 'Due',
  sourceUrl: 'Link',
};
const DONORS = ['Estonia', 'Latvia', 'Lithuania'];
/** What each sheet ships: no row is the same pledge as another sheet's. */
const GOODS: Record<string, string> = {
  alpha: 'diesel generators for hospitals',
  bravo: 'armoured ambulances with crews',
  charlie: 'water purification units',
  delta: 'mobile field kitchens',
};

/** A row of the invented sheet of `words`; `revised`: its title, amount and due date changed. */
function cells(words: string, i: number, revised: boolean) {
  const n = i + 1000 * words.charCodeAt(0);
  return {
    title: `${words} lot ${i}: ${n * 17} ${GOODS[words]}${revised ? ' (revised)' : ''}`,
    amount: `${n * 5 + (revised ? 1 : 0)}.75`,
    due: `2027-0${(i % 8) + 1}-${revised ? 20 : 10}`,
    url: `https://example.org/${words}/${i}`,
  };
}

function sheet(words: string, rows: number, revised = false): Buffer {
  const lines = ['Ref,Donor,Description,Value (EUR m),Due,Link'];
  for (let i = 1; i <= rows; i++) {
    const c = cells(words, i, revised);
    lines.push(`${words}-${i},${DONORS[i % 3]},${c.title},${c.amount},${c.due},${c.url}`);
  }
  return Buffer.from(lines.join('\n'));
}

describe('imports: changed rows in batches', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  /** The tracker's rows as planned for `revised` values: each an `update` of the item it made. */
  async function changedRows(words: string, rows: number): Promise<Planned[]> {
    const res = await postImport(t, sheet(words, rows), { ...MAPPING, tracker: words });
    expect(res.body.counts.create).toBe(rows);
    const made: { row_number: number; item_id: string; version: number; status: string }[] = await t.db.query(
      `SELECT r.row_number, r.item_id, i.version, i.status FROM import_rows r JOIN items i ON i.id = r.item_id
        WHERE r.import_id = $1 ORDER BY r.row_number`,
      [res.body.id],
    );
    return made.map((m, k) => {
      const c = cells(words, k + 1, true);
      return {
        row: m.row_number,
        key: `${words}-${k + 1}`,
        hash: `revised-${k + 1}`,
        cells: [],
        outcome: 'update',
        itemId: m.item_id,
        duplicateOf: null,
        errors: [],
        version: m.version,
        status: m.status,
        fields: {
          title: c.title,
          statement: c.title,
          kind: 'commitment',
          actor: DONORS[(k + 1) % 3],
          amount: { value: c.amount, currency: 'EUR' },
          dueAt: c.due,
          sourceUrl: c.url,
          tags: [],
        },
      };
    });
  }

  /** ImportWriter.write for a new import of tracker `words`, as POST /v1/imports calls it. */
  async function write(words: string, rows: Planned[]): Promise<Planned[]> {
    const imports = t.app.get(ImportsRepository);
    const importId = await imports.transaction((m) =>
      imports.insert(m, {
        scope: `tracker:${words}`,
        file_name: null,
        format: 'csv',
        sheet: null,
        headers: Object.values(MAPPING),
        mapping: {},
        decimal_comma: false,
        created_by: 'test',
      }),
    );
    return t.app
      .get(ImportWriter)
      .write({ importId, scope: `tracker:${words}`, mapping: MAPPING, fileName: null, by: 'test' }, rows);
  }

  /** `text` with the sheet's own values (its words, titles and amounts) named by row instead. */
  function sheetless(words: string, text: string): string {
    for (let i = 1; i <= 4; i++) {
      const c = cells(words, i, true);
      text = text.replaceAll(c.title, `title ${i}`).replaceAll(`"${c.amount}"`, `"amount ${i}"`);
    }
    return text.replaceAll(words, 'WORDS');
  }

  /** The audit entries of the items (and of their follow-ups), the sheet's own values taken out. */
  async function audited(words: string, itemIds: string[], since: Date) {
    const rows: { entity_type: string; action: string; change: object }[] = await t.db.query(
      `SELECT a.entity_type, a.action, a.change FROM audit_log a
        WHERE a.at >= $2 AND (a.entity_id = ANY($1::uuid[])
           OR a.entity_id IN (SELECT id FROM follow_ups WHERE item_id = ANY($1::uuid[])))`,
      [itemIds, since],
    );
    return rows
      .map((r) => sheetless(words, JSON.stringify(r)).replace(/"actorId":"[0-9a-f-]+"/g, '"actorId":"…"'))
      .sort();
  }

  it('should write a batch of changed rows as single PATCHes would: the same items, audit entries, follow-ups and events', async () => {
    const single = await changedRows('alpha', 4);
    const batch = await changedRows('bravo', 4);
    // A row whose item another writer moved on refuses its batch: the rows are then written one by
    // one through ItemsService.update, the single PATCH path, and only that row fails.
    single[2] = { ...single[2], version: single[2].version! + 7 };
    const since = new Date((await t.db.query(`SELECT now() AS now`))[0].now as string);
    const eventsBefore = await t.count('events');

    const [bySingle, byBatch] = [await write('alpha', single), await write('bravo', batch)];

    expect(bySingle.map((r) => r.outcome)).toEqual(['update', 'update', 'error', 'update']);
    expect(bySingle[2].errors[0].reason).toMatch(/at version \d+, not \d+/);
    expect(byBatch.map((r) => r.outcome)).toEqual(['update', 'update', 'update', 'update']);
    const written = [0, 1, 3];
    const ids = (rows: Planned[]) => written.map((k) => rows[k].itemId!);
    expect(await audited('alpha', ids(single), since)).toEqual(await audited('bravo', ids(batch), since));
    const state = (rows: Planned[], words: string) =>
      t.db
        .query(
          `SELECT i.title, i.amount_value, i.version, f.due_at, f.state, f.sequence
             FROM items i JOIN follow_ups f ON f.item_id = i.id AND f.automatic
            WHERE i.id = ANY($1::uuid[]) ORDER BY i.title`,
          [ids(rows)],
        )
        .then((r: object[]) => JSON.parse(sheetless(words, JSON.stringify(r))) as object[]);
    const [singleState, batchState] = [await state(single, 'alpha'), await state(batch, 'bravo')];
    expect(singleState).toEqual(batchState);
    expect(batchState).toHaveLength(3);
    expect(batchState[0]).toMatchObject({ version: 2, state: 'scheduled', sequence: 1 });
    // A PATCH emits no event (only creation and status changes do); neither path does.
    expect(await t.count('events')).toBe(eventsBefore);
    const recorded = async (rows: Planned[]) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM import_rows WHERE item_id = ANY($1::uuid[]) AND outcome = 'update'`,
          [rows.map((r) => r.itemId)],
        )
      )[0].n as number;
    expect([await recorded(single), await recorded(batch)]).toEqual([3, 4]);
  });

  it('should write 120 changed rows of a re-import in a few statements, not several per row', async () => {
    const first = await postImport(t, sheet('charlie', 120), { ...MAPPING, tracker: 'charlie' });
    expect(first.body.counts.create).toBe(120);
    const { sql } = await statementsOf(async () => {
      const res = await postImport(t, sheet('charlie', 120, true), { ...MAPPING, tracker: 'charlie' });
      expect(res.body.counts).toEqual({ create: 0, update: 120, unchanged: 0, duplicate: 0, error: 0 });
    });
    // Row by row, each changed row cost a transaction of about a dozen statements.
    expect(sql.length).toBeLessThan(60);
    expect(sql.filter((s) => s === 'UPDATE items')).toHaveLength(1);
    const titles = await t.db.query(
      `SELECT count(*)::int AS n FROM items WHERE title LIKE 'charlie lot % (revised)' AND version = 2`,
    );
    expect(titles).toEqual([{ n: 120 }]);
  });

  it('should still append a changed status to the timeline, row by row, beside a batch of field changes', async () => {
    const words = 'delta';
    const mapping = { ...MAPPING, status: 'Status', tracker: words };
    const withStatus = (status: (i: number) => string, revised: boolean) => {
      const [header, ...rows] = sheet(words, 3, revised).toString().split('\n');
      return Buffer.from(
        [`${header},Status`, ...rows.map((line, k) => `${line},${status(k + 1)}`)].join('\n'),
      );
    };
    await postImport(
      t,
      withStatus(() => 'agreed', false),
      mapping,
    );
    const res = await postImport(
      t,
      withStatus((i) => (i === 2 ? 'in_progress' : 'agreed'), true),
      mapping,
    );
    expect(res.body.counts.update).toBe(3);
    const items: { title: string; status: string; updates: number }[] = await t.db.query(
      `SELECT i.title, i.status, (SELECT count(*)::int FROM updates u WHERE u.item_id = i.id) AS updates
         FROM items i WHERE i.title LIKE 'delta lot %' ORDER BY i.title`,
    );
    expect(items.map((i) => [i.status, i.updates, i.title.endsWith('(revised)')])).toEqual([
      ['agreed', 0, true],
      ['in_progress', 1, true],
      ['agreed', 0, true],
    ]);
  });
});
