import { ImportWriter } from '../../../src/imports/import-writer';
import type { Planned } from '../../../src/imports/import-plan';
import { ImportsRepository } from '../../../src/imports/imports.repository';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../../helpers/factories';
import { postImport } from '../../helpers/multipart';
import { statementsOf } from '../../helpers/statements';

const MAPPING = {
  rowKey: 'Ref',
  actor: 'Donor',
  date: 'Date',
  title: 'Description',
  amount: 'Value (EUR m)',
  sourceUrl: 'Link',
  quote: 'Quote',
};
const DONORS = ['Estonia', 'Latvia', 'Lithuania'];

/**
 * A sheet of `rows` invented deliveries, every row a new pledge with its own new source; `words`
 * keeps one sheet's titles apart from another's so that none is the same pledge as another.
 */
function sheet(
  words: string,
  rows: number,
  cell: (i: number) => Partial<Record<string, string>> = () => ({}),
) {
  const lines = ['Ref,Donor,Date,Description,Value (EUR m),Link,Quote'];
  for (let i = 1; i <= rows; i++) {
    const c = {
      ref: `${words}-${i}`,
      date: `2024-02-${String((i % 27) + 1).padStart(2, '0')}`,
      amount: `${i * 3}.25`,
      url: `https://example.org/${words}/${i}`,
      quote: '',
      title: `${words} delivery number ${i} of ${i * 11} field radios`,
      ...cell(i),
    };
    lines.push(`${c.ref},${DONORS[i % 3]},${c.date},${c.title},${c.amount},${c.url},"${c.quote}"`);
  }
  return Buffer.from(lines.join('\n'));
}

describe('imports in batches', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('should create each row once when two imports of the same new rows run at the same moment', async () => {
    const file = sheet('twin', 260);
    const [a, b] = await Promise.all([postImport(t, file, MAPPING), postImport(t, file, MAPPING)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.counts.create + b.body.counts.create).toBe(260);
    for (const res of [a, b]) expect(res.body.counts.create + res.body.counts.unchanged).toBe(260);
    const [made] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM items WHERE title LIKE 'twin delivery %') AS items,
              (SELECT count(DISTINCT title)::int FROM items WHERE title LIKE 'twin delivery %') AS titles,
              (SELECT count(*)::int FROM events WHERE type = 'item.created' AND data->>'title' LIKE 'twin delivery %') AS events,
              (SELECT count(*)::int FROM sources WHERE url LIKE 'https://example.org/twin/%') AS sources`,
    );
    expect(made).toEqual({ items: 260, titles: 260, events: 260, sources: 260 });
    const twice = await t.db.query(
      `SELECT row_key FROM import_rows WHERE outcome = 'create' AND row_key LIKE 'twin-%' GROUP BY row_key HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });

  it('should plan rows past the first batch in sheet order: a duplicate, a refused quote and new rows', async () => {
    const source = await createSource(t);
    const pledge = await createItem(t, pledgeBody(source.id));
    // Row 150 (sheet row 151) is the stored pledge (EUR 40,000 m), quoted from its source.
    const same = { title: pledge.title, amount: '40000', url: source.url, quote: PLEDGE_QUOTE };
    const wrong = { url: source.url, quote: 'a passage this article never printed' };
    const file = sheet('plan', 230, (i) => (i === 150 ? same : i === 205 ? wrong : {}));
    const { sql } = await statementsOf(async () => {
      const res = await postImport(t, file, MAPPING, { dryRun: true });
      expect(res.body.counts).toEqual({ create: 228, update: 0, unchanged: 0, duplicate: 1, error: 1 });
      expect(res.body.rows[149]).toMatchObject({ row: 151, outcome: 'duplicate', duplicateOf: pledge.id });
      expect(res.body.rows[204]).toMatchObject({ row: 206, outcome: 'error' });
      expect(res.body.rows[204].errors[0]).toMatchObject({ row: 206, column: 'Quote' });
      expect(res.body.rows.map((r: { row: number }) => r.row)).toEqual(
        Array.from({ length: 230 }, (_, i) => i + 2),
      );
    });
    // The sheet's row keys once; per batch of 100 rows the sources, the quotes' texts, the
    // look-alikes and which of them the tracker made — not per row.
    expect(sql.length).toBeLessThanOrEqual(1 + 3 * 4);
  });

  it('should write 250 new rows in a few dozen statements, not several per row', async () => {
    const { sql } = await statementsOf(async () => {
      const res = await postImport(t, sheet('bulk', 250), MAPPING);
      expect(res.body.counts.create).toBe(250);
    });
    // Row by row, each new row cost about fifteen (its source, its item, its import row).
    expect(sql.length).toBeLessThan(100);
    expect(sql.filter((s) => s === 'WITH batch')).toHaveLength(2); // the items: one statement per batch of 200
  });

  it('should refuse only the row at fault when a batch is refused at its write, storing nothing of that row', async () => {
    // The planner refuses such a row first; only a change between the plan and the write (a cited
    // text edited, an actor deleted) brings a refusal to the writer. A claim with an amount stands in.
    const imports = t.app.get(ImportsRepository);
    const importId = await imports.transaction((m) =>
      imports.insert(m, {
        scope: 'tracker:refusals',
        file_name: null,
        format: 'csv',
        sheet: null,
        headers: ['Description', 'Value', 'Link'],
        mapping: {},
        decimal_comma: false,
        created_by: 'test',
      }),
    );
    const row = (n: number, kind: 'claim' | 'commitment'): Planned => ({
      row: n,
      key: `refusal-${n}`,
      hash: `hash-${n}`,
      cells: [],
      outcome: 'create',
      itemId: null,
      duplicateOf: null,
      errors: [],
      fields: {
        title: `refusal test pledge ${n} of ${n * 13} water pumps`,
        statement: `refusal test pledge ${n} of ${n * 13} water pumps`,
        kind,
        amount: { value: `${n}7.5`, currency: 'EUR' },
        sourceUrl: `https://example.org/refusals/${n}`,
        tags: [],
      },
    });
    const before = await t.count('items');
    const done = await t.app.get(ImportWriter).write(
      {
        importId,
        scope: 'tracker:refusals',
        mapping: { title: 'Description', amount: 'Value', sourceUrl: 'Link' },
        fileName: null,
        by: 'test',
      },
      [row(2, 'commitment'), row(3, 'claim'), row(4, 'commitment')],
    );
    expect(done.map((r) => r.outcome)).toEqual(['create', 'error', 'create']);
    expect(done[1].errors).toEqual([{ row: 3, column: 'Value', reason: 'belongs to commitments only' }]);
    expect(await t.count('items')).toBe(before + 2);
    const sources = await t.db.query(
      `SELECT url FROM sources WHERE url LIKE 'https://example.org/refusals/%' ORDER BY url`,
    );
    expect(sources).toEqual([
      { url: 'https://example.org/refusals/2' },
      { url: 'https://example.org/refusals/4' },
    ]);
    const recorded = await t.db.query(
      `SELECT row_number FROM import_rows WHERE import_id = $1 ORDER BY row_number`,
      [importId],
    );
    expect(recorded).toEqual([{ row_number: 2 }, { row_number: 4 }]);
  });
});
