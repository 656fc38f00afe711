import { MONEY_TOTALS_BULK_REBUILD } from '../../../src/database/functions/money-totals';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

/**
 * Money as researchers count it, against a hand-counted fixture (one source, published
 * 2024-06-13T18:00Z, so every item's origin day is 2024-06-13):
 *  R  €2.5bn–3bn once (between): 2024 pledged 2500000000, pledgedMax 3000000000.
 *  S  annual schedule 2024–2026: 2024 €100, 2025 €200–250, 2026 €300 → pledged 600, max 650.
 *     Stages for 2024: committed 80 then 90 (cumulative: 90 counts), allocated 60, delivered 50;
 *     delivered 20 for 2025, retracted (left out).
 *  Q  $10 quarterly 2025-02-10 … 2025-12-31: four quarters of 2025 → $40.
 *  G  £100 once (no GBP rate on 2024-06-13: unconverted with rateDate=announced).
 *  W  €1000 once, withdrawn: left out.   M  €7 once, merged into R: left out.
 * Rates (units per EUR): USD 1.25 on 2024-06-12, 2 on 2025-01-02, 3 on 2025-06-02;
 * GBP 0.8 on 2025-01-02 and 2025-06-02.
 */
const RATES_CSV = [
  'Date,USD,JPY,GBP,',
  '2025-06-02,3,N/A,0.8,',
  '2025-01-02,2.00,,0.8,',
  '2024-06-14,1.0000,N/A,,',
  '2024-06-12,1.25,170.5,,',
  '',
].join('\n');

describe('money: ranges, schedules, targets, stages and conversion', () => {
  let t: TestApp;
  let sourceId: string;
  let s: { id: string };
  const ids: Record<string, string> = {};

  const putRates = (body: string | unknown[], type = 'text/csv', key?: string) =>
    t.request('PUT', '/v1/fx-rates', {
      key,
      headers: { 'content-type': type },
      raw: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const update = async (itemId: string, body: Record<string, unknown>) => {
    const res = await t.post(`/v1/items/${itemId}/updates`, { note: 'fixture', ...body });
    if (res.status !== 201) throw new Error(`update: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  const money = (value: string, currency = 'EUR', extra: Record<string, string> = {}) => ({
    value,
    currency,
    ...extra,
  });
  const once = (title: string, amount: unknown) =>
    pledgeBody(sourceId, { title, amount, recurrence: 'once' });
  const amounts = async (query = '') => {
    const res = await t.get(`/v1/stats/amounts${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    ids.r = (
      await createItem(
        t,
        once('R', money('2500000000', 'EUR', { valueMax: '3000000000', qualifier: 'between' })),
      )
    ).id;
    s = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'S',
        amount: undefined,
        recurrence: 'annual',
        periodStart: '2024-01-01',
        periodEnd: '2026-12-31',
        schedule: [
          { period: '2024', amount: money('100') },
          { period: '2025', amount: money('200', 'EUR', { valueMax: '250', qualifier: 'between' }) },
          { period: '2026', amount: money('300') },
        ],
      }),
    );
    ids.q = (
      await createItem(
        t,
        pledgeBody(sourceId, {
          title: 'Q',
          amount: money('10', 'USD'),
          recurrence: 'quarterly',
          periodStart: '2025-02-10',
          periodEnd: '2025-12-31',
        }),
      )
    ).id;
    ids.g = (await createItem(t, once('G', money('100', 'GBP')))).id;
    ids.w = (await createItem(t, once('W', money('1000')))).id;
    ids.m = (await createItem(t, once('M', money('7')))).id;

    const euros = (value: string) => ({ value, currency: 'EUR' });
    await update(s.id, { progress: { stage: 'committed', delivered: euros('80'), period: '2024' } });
    await update(s.id, { progress: { stage: 'committed', delivered: euros('90'), period: '2024' } });
    await update(s.id, { progress: { stage: 'allocated', delivered: euros('60'), period: '2024' } });
    await update(s.id, { progress: { delivered: euros('50'), period: '2024' } });
    const wrong = await update(s.id, { progress: { delivered: euros('20'), period: '2025' } });
    expect((await t.post(`/v1/items/${s.id}/updates/${wrong}/retract`, { reason: 'misread' })).status).toBe(
      200,
    );
    await update(ids.w, { status: 'withdrawn', evidence: [{ sourceId }] });
    expect((await t.post(`/v1/items/${ids.m}/merge`, { intoId: ids.r })).status).toBe(200);
    expect((await putRates(RATES_CSV)).status).toBe(200);
  });
  afterAll(() => t.close());

  describe('the item', () => {
    it('should show a range with valueMax and a schedule with each qualifier spelled out', async () => {
      expect((await t.get(`/v1/items/${ids.r}`)).body.amount).toEqual({
        value: '2500000000',
        valueMax: '3000000000',
        currency: 'EUR',
        qualifier: 'between',
      });
      const item = (await t.get(`/v1/items/${s.id}`)).body;
      expect(item.amount).toBeNull();
      expect(item.schedule).toEqual([
        { period: '2024', amount: { value: '100', currency: 'EUR', qualifier: 'exactly' } },
        { period: '2025', amount: { value: '200', valueMax: '250', currency: 'EUR', qualifier: 'between' } },
        { period: '2026', amount: { value: '300', currency: 'EUR', qualifier: 'exactly' } },
      ]);
      expect(item.latestProgress).toMatchObject({ stage: 'delivered', delivered: { value: '50' } });
    });

    it('should show the latest achieved figure against a non-money target, retractions undone', async () => {
      const jets = await createItem(
        t,
        pledgeBody(sourceId, {
          title: '30 F-16 jets',
          amount: undefined,
          recurrence: undefined,
          target: { value: '30', unit: 'count', label: 'F-16 jets' },
        }),
      );
      await update(jets.id, {
        effectiveAt: '2025-01-01T00:00:00Z',
        progress: { achieved: { value: '6', unit: 'count' } },
      });
      const later = await update(jets.id, {
        effectiveAt: '2025-06-01T00:00:00Z',
        progress: { achieved: { value: '12', unit: 'count' } },
      });
      const item = (await t.get(`/v1/items/${jets.id}`)).body;
      expect(item.target).toEqual({ value: '30', unit: 'count', label: 'F-16 jets' });
      expect(item.achieved).toMatchObject({ value: '12', unit: 'count', updateId: later });
      await t.post(`/v1/items/${jets.id}/updates/${later}/retract`, { reason: 'double count' });
      expect((await t.get(`/v1/items/${jets.id}`)).body.achieved).toMatchObject({ value: '6' });
    });
  });

  describe('exports', () => {
    it('should carry valueMax, the schedule and the target in NDJSON and CSV', async () => {
      const lines = (await t.get('/v1/items/export?format=ndjson&kind=commitment')).text
        .trimEnd()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as { id: string; amount: unknown; schedule: unknown; target: unknown },
        );
      const byId = new Map(lines.map((l) => [l.id, l]));
      expect(byId.get(ids.r)?.amount).toEqual({
        value: '2500000000',
        valueMax: '3000000000',
        currency: 'EUR',
        qualifier: 'between',
      });
      expect(byId.get(s.id)?.schedule).toEqual((await t.get(`/v1/items/${s.id}`)).body.schedule);
      expect(lines.map((l) => l.target)).toContainEqual({ value: '30', unit: 'count', label: 'F-16 jets' });
      const csv = (await t.get('/v1/items/export?format=csv&kind=commitment')).text;
      expect(csv.split('\r\n')[0]).toContain('amountValueMax,schedule,targetValue,targetUnit,targetLabel');
      expect(csv).toContain('2024: 100 EUR; 2025: 200–250 EUR; 2026: 300 EUR');
    });
  });

  describe('GET /v1/stats/amounts without conversion', () => {
    it('should count a range low in pledged and high in pledgedMax, each scheduled amount, each stage, withdrawn and merged left out', async () => {
      expect((await amounts()).data).toEqual([
        {
          key: null,
          currency: 'EUR',
          pledged: '2500000600',
          pledgedMax: '3000000650',
          committed: '90',
          allocated: '60',
          delivered: '50',
        },
        {
          key: null,
          currency: 'GBP',
          pledged: '100',
          pledgedMax: '100',
          committed: '0',
          allocated: '0',
          delivered: '0',
        },
        {
          key: null,
          currency: 'USD',
          pledged: '40',
          pledgedMax: '40',
          committed: '0',
          allocated: '0',
          delivered: '0',
        },
      ]);
    });

    it('should put each scheduled amount and each stage figure in its own year', async () => {
      const zero = { committed: '0', allocated: '0', delivered: '0' };
      expect((await amounts('?groupBy=period&currency=EUR')).data).toEqual([
        {
          key: '2024',
          currency: 'EUR',
          pledged: '2500000100',
          pledgedMax: '3000000100',
          committed: '90',
          allocated: '60',
          delivered: '50',
        },
        { key: '2025', currency: 'EUR', pledged: '200', pledgedMax: '250', ...zero },
        { key: '2026', currency: 'EUR', pledged: '300', pledgedMax: '300', ...zero },
      ]);
      expect((await amounts('?groupBy=period&currency=USD')).data).toEqual([
        { key: '2025', currency: 'USD', pledged: '40', pledgedMax: '40', ...zero },
      ]);
    });

    it('should group by status with the same rules', async () => {
      expect((await amounts('?groupBy=status&currency=EUR')).data).toEqual([
        expect.objectContaining({ key: 'proposed', pledged: '2500000600', committed: '90', delivered: '50' }),
      ]);
    });
  });

  describe('GET /v1/stats/amounts?convertTo=', () => {
    it("should convert at each item's origin-day rate (announced) and list what has no rate", async () => {
      const body = await amounts('?convertTo=EUR&rateDate=announced');
      // $40 at 1.25 (2024-06-12, the last rate on or before 2024-06-13) = €32; £100 has no rate then.
      expect(body.data).toEqual([
        {
          key: null,
          currency: 'EUR',
          pledged: '2500000632',
          pledgedMax: '3000000682',
          committed: '90',
          allocated: '60',
          delivered: '50',
        },
      ]);
      expect(body).toMatchObject({
        convertTo: 'EUR',
        rateDate: 'announced',
        rateDates: [{ currency: 'USD', from: '2024-06-12', to: '2024-06-12' }],
        unconverted: [{ currency: 'GBP', items: 1 }],
      });
    });

    it('should convert at the rate on or before a fixed date, and say which', async () => {
      const body = await amounts('?convertTo=EUR&rateDate=2025-03-01');
      // $40 / 2 = €20; £100 / 0.8 = €125.
      expect(body.data[0]).toMatchObject({ pledged: '2500000745', pledgedMax: '3000000795' });
      expect(body.rateDates).toEqual([
        { currency: 'GBP', from: '2025-01-02', to: '2025-01-02', perEur: '0.8' },
        { currency: 'USD', from: '2025-01-02', to: '2025-01-02', perEur: '2' },
      ]);
      expect(body.unconverted).toEqual([]);
    });

    it('should round to the cent, half to even, only at the end, with the latest rates', async () => {
      const body = await amounts('?convertTo=EUR&rateDate=latest');
      // $40 / 3 = €13.333…; £100 / 0.8 = €125 → 2500000600 + 138.333… = 2500000738.33.
      expect(body.data[0]).toMatchObject({ pledged: '2500000738.33', pledgedMax: '3000000788.33' });
    });

    it('should convert into another currency through EUR cross rates', async () => {
      const body = await amounts('?convertTo=USD&rateDate=2025-03-01');
      // €2500000600 × 2 + $40 + £100 × 2 / 0.8 = 5000001200 + 40 + 250.
      expect(body.data[0]).toMatchObject({ currency: 'USD', pledged: '5000001490', delivered: '100' });
    });

    it('should report a currency without a rate on the date as unconverted instead of dropping it', async () => {
      const body = await amounts('?convertTo=EUR&rateDate=2024-12-31');
      // $40 at 1.0000 (2024-06-14); no GBP rate before 2025.
      expect(body.data[0]).toMatchObject({ pledged: '2500000640' });
      expect(body.unconverted).toEqual([{ currency: 'GBP', items: 1 }]);
    });

    it('should convert every group: per period and per status', async () => {
      const byYear = await amounts('?groupBy=period&convertTo=EUR&rateDate=2025-03-01');
      expect(byYear.data.map((r: { key: string; pledged: string }) => [r.key, r.pledged])).toEqual([
        ['2024', '2500000225'],
        ['2025', '220'],
        ['2026', '300'],
      ]);
      const byStatus = await amounts('?groupBy=status&convertTo=EUR&rateDate=announced');
      expect(byStatus.data).toEqual([expect.objectContaining({ key: 'proposed', pledged: '2500000632' })]);
    });

    it.each([
      ['convertTo=USD&rateDate=announced', 'rateDate'],
      ['convertTo=EUR&rateDate=yesterday', 'rateDate'],
      ['convertTo=EUR&rateDate=2025-02-30', 'rateDate'],
      ['convertTo=XYZ', 'convertTo'],
    ])('should refuse %s with 422 naming %s', async (query, path) => {
      const res = await t.get(`/v1/stats/amounts?${query}`);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
    });
  });

  describe('the trigger-kept totals', () => {
    it('should equal a bulk rebuild from scratch, for every grouping and conversion', async () => {
      const queries = [
        '',
        '?groupBy=period',
        '?groupBy=status',
        '?groupBy=pledger',
        '?convertTo=EUR&rateDate=announced',
      ];
      const kept = await Promise.all(queries.map((q) => amounts(q)));
      const ledger = () => t.db.query(`SELECT * FROM money_ledger ORDER BY item_id, rec, year, start`);
      const keptLedger = await ledger();
      await t.db.query(MONEY_TOTALS_BULK_REBUILD);
      expect(await Promise.all(queries.map((q) => amounts(q)))).toEqual(kept);
      expect(await ledger()).toEqual(keptLedger);
    });
  });

  describe('PUT /v1/fx-rates', () => {
    it('should change nothing when the same file is loaded again', async () => {
      const before = await amounts('?convertTo=EUR&rateDate=announced');
      const res = await putRates(RATES_CSV);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        received: 7,
        inserted: 0,
        updated: 0,
        unchanged: 7,
        itemsRevalued: 0,
      });
      expect(await amounts('?convertTo=EUR&rateDate=announced')).toEqual(before);
    });

    it('should revalue the items a changed rate applies to (JSON)', async () => {
      const res = await putRates(
        [{ date: '2024-06-12', currency: 'USD', perEur: '1.6' }],
        'application/json',
      );
      expect(res.body).toMatchObject({ received: 1, inserted: 0, updated: 1, itemsRevalued: 1 });
      // $40 / 1.6 = €25.
      expect((await amounts('?convertTo=EUR&rateDate=announced')).data[0].pledged).toBe('2500000625');
      await putRates([{ date: '2024-06-12', currency: 'USD', perEur: 1.25 }], 'application/json');
      expect((await amounts('?convertTo=EUR&rateDate=announced')).data[0].pledged).toBe('2500000632');
    });

    it('should refuse a bad cell with its line and column, storing nothing', async () => {
      const count = () => t.count('fx_rates');
      const before = await count();
      const res = await putRates(
        'Date,USD,GBP\n2023-01-02,1.07,0.88\n2023-01-03,1,07,0.88\n2023-01-04,abc,\n',
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('FX.INVALID_RATES');
      expect(res.body.errors).toEqual([
        { path: 'line 3, column 3 (GBP)', message: '"07" is not a rate (a positive decimal, units per EUR)' },
        { path: 'line 3, column 4', message: 'a value beyond the last currency column' },
        {
          path: 'line 4, column 2 (USD)',
          message: '"abc" is not a rate (a positive decimal, units per EUR)',
        },
      ]);
      expect(await count()).toBe(before);
    });

    it.each([
      [[{ date: '2024-02-30', currency: 'USD', perEur: '1.1' }], '0.date'],
      [[{ date: '2024-02-01', currency: 'EUR', perEur: '1' }], '0.currency'],
      [[{ date: '2024-02-01', currency: 'USD', perEur: '-1' }], '0.perEur'],
      [[{ date: '2024-02-01', currency: 'USD', perEur: '1', source: 'x' }], '0.source'],
    ])('should refuse JSON %j at %s', async (body, path) => {
      const res = await putRates(body, 'application/json');
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it('should be for admins only, and take CSV nowhere else', async () => {
      expect((await putRates(RATES_CSV, 'text/csv', t.keys.editor)).status).toBe(403);
      const csvItem = await t.request('POST', '/v1/items', {
        headers: { 'content-type': 'text/csv' },
        raw: 'a,b\n1,2\n',
      });
      expect(csvItem.status).toBe(415);
    });
  });

  describe('bad money: 422 with the field path, nothing stored', () => {
    const itemCount = () => t.count('items');
    const schedule = (entries: [string, string, string?][]) =>
      entries.map(([period, value, currency = 'EUR']) => ({ period, amount: { value, currency } }));

    it.each([
      [
        'valueMax ≤ value',
        { amount: money('3', 'EUR', { valueMax: '3', qualifier: 'between' }) },
        'amount.valueMax',
      ],
      [
        'between without valueMax',
        { amount: money('3', 'EUR', { qualifier: 'between' }) },
        'amount.valueMax',
      ],
      ['valueMax without between', { amount: money('3', 'EUR', { valueMax: '4' }) }, 'amount.valueMax'],
      [
        'mixed currencies in a schedule',
        {
          amount: undefined,
          schedule: schedule([
            ['2024', '1'],
            ['2025', '2', 'USD'],
          ]),
        },
        'schedule.1.amount.currency',
      ],
      [
        'a schedule period outside the pledge period',
        {
          amount: undefined,
          periodStart: '2024-01-01',
          periodEnd: '2025-12-31',
          schedule: schedule([
            ['2024', '1'],
            ['2026', '2'],
          ]),
        },
        'schedule.1.period',
      ],
      [
        'a period twice',
        {
          amount: undefined,
          schedule: schedule([
            ['2024', '1'],
            ['2024', '2'],
          ]),
        },
        'schedule.1.period',
      ],
      [
        'a quarter in an annual schedule',
        { amount: undefined, schedule: schedule([['2024-Q1', '1']]) },
        'schedule.0.period',
      ],
      ['both amount and schedule', { schedule: schedule([['2024', '1']]) }, 'schedule'],
      [
        'a schedule without recurrence',
        { amount: undefined, recurrence: 'once', schedule: schedule([['2024', '1']]) },
        'recurrence',
      ],
      ['a target unit nobody knows', { target: { value: '5', unit: 'tanks' } }, 'target.unit'],
    ])('should refuse %s', async (_, overrides, path) => {
      const before = await itemCount();
      const res = await t.post('/v1/items', pledgeBody(sourceId, { title: 'bad', ...overrides }));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await itemCount()).toBe(before);
    });

    it('should refuse achieved in another unit than the target, and achieved without target', async () => {
      const jets = await createItem(
        t,
        pledgeBody(sourceId, { title: 'jets', amount: undefined, target: { value: '30', unit: 'count' } }),
      );
      const updates = async (id: string) => (await t.get(`/v1/items/${id}/updates`)).body.data.length;
      const wrongUnit = await t.post(`/v1/items/${jets.id}/updates`, {
        note: 'x',
        progress: { achieved: { value: '2', unit: 'percent' } },
      });
      expect([wrongUnit.status, wrongUnit.body.errors[0].path]).toEqual([422, 'progress.achieved.unit']);
      const noTarget = await t.post(`/v1/items/${ids.r}/updates`, {
        note: 'x',
        progress: { achieved: { value: '2', unit: 'count' } },
      });
      expect([noTarget.status, noTarget.body.errors[0].path]).toEqual([422, 'progress.achieved.unit']);
      const stageAlone = await t.post(`/v1/items/${ids.r}/updates`, {
        note: 'x',
        progress: { stage: 'committed', percent: 5 },
      });
      expect([stageAlone.status, stageAlone.body.errors[0].path]).toEqual([422, 'progress.stage']);
      expect(await updates(jets.id)).toBe(0);
    });

    it('should refuse a PATCH that leaves both amount and schedule, and accept one that swaps them', async () => {
      const item = await t.get(`/v1/items/${ids.g}`);
      const patch = (body: unknown, version: number) =>
        t.patch(`/v1/items/${ids.g}`, body, { headers: { 'if-match': `"${version}"` } });
      const both = await patch(
        { recurrence: 'annual', schedule: schedule([['2024', '1', 'GBP']]) },
        item.body.version,
      );
      expect([both.status, both.body.errors[0].path]).toEqual([422, 'schedule']);
      const swapped = await patch(
        {
          amount: null,
          recurrence: 'annual',
          schedule: schedule([
            ['2024', '60', 'GBP'],
            ['2025', '40', 'GBP'],
          ]),
        },
        item.body.version,
      );
      expect(swapped.status).toBe(200);
      expect((await amounts('?currency=GBP')).data[0]).toMatchObject({ pledged: '100' });
      expect((await amounts('?currency=GBP&groupBy=period')).data.map((r: { key: string }) => r.key)).toEqual(
        ['2024', '2025'],
      );
    });
  });
});
