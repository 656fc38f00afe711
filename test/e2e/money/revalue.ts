import { SUMS } from '../../../src/database/functions/money-ledger';
import { MONEY_TOTALS_BULK_REBUILD } from '../../../src/database/functions/money-totals';
import { ExactDecimal, toCents } from '../../../src/common/money';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../../helpers/factories';

/**
 * A rate load re-values pledges set-based (src/database/functions/money-revalue.ts). The reference is
 * independent of it: the totals rebuilt from scratch (every pledge's rate looked up again), and a
 * hand computation of the one-off pledges' EUR value in decimal arithmetic.
 *
 * Pledges: one-off amounts in USD, GBP and EUR on four origin days, a recurring and a ranged USD
 * pledge, joint and single pledgers, two statuses.
 */
const SUMS_COLUMNS = ['items', 'unconverted', ...SUMS, ...SUMS.map((c) => `${c}_eur`)]
  .map((c) => `trim_scale(${c}::numeric)`)
  .join(', ');
const DAYS = ['2024-01-10', '2024-03-05', '2024-06-13', '2024-09-30'];
const AMOUNTS_QUERIES = ['', '?groupBy=pledger', '?groupBy=period', '?groupBy=status'].flatMap((q) => [
  `${q}${q ? '&' : '?'}convertTo=EUR&rateDate=announced`,
  `${q}${q ? '&' : '?'}convertTo=EUR&rateDate=latest`,
]);

describe('money: a rate load re-values the pledges it applies to', () => {
  let t: TestApp;

  const putRates = async (rates: { date: string; currency: string; perEur: string }[]) => {
    const res = await t.request('PUT', '/v1/fx-rates', {
      headers: { 'content-type': 'application/json' },
      raw: JSON.stringify(rates),
    });
    if (res.status !== 200) throw new Error(`fx-rates: ${res.status} ${res.text}`);
    return res.body as { itemsRevalued: number; updated: number; inserted: number };
  };
  const allAmounts = () =>
    Promise.all(
      AMOUNTS_QUERIES.map(async (q) => {
        const res = await t.get(`/v1/stats/amounts${q}`);
        expect(res.status).toBe(200);
        return res.body;
      }),
    );
  const moneyItems = () => t.db.query(`SELECT * FROM money_items ORDER BY item_id`);
  /** The totals by value: triggers leave rows that fell to zero behind, and scales differ. */
  const totals = () =>
    t.db.query(`
      SELECT dim, currency, key, rec, year, start, v FROM amount_totals
      CROSS JOIN LATERAL (SELECT ARRAY[${SUMS_COLUMNS}] AS v) s
      WHERE items <> 0 OR unconverted <> 0 OR EXISTS (SELECT FROM unnest(s.v) x WHERE x <> 0)
      ORDER BY dim, currency, key, rec, year, start`);
  /** What the load kept, against a rebuild from scratch: the same stats, items and totals rows. */
  const expectSameAsRebuild = async () => {
    const kept = [await allAmounts(), await moneyItems(), await totals()];
    await t.db.query(MONEY_TOTALS_BULK_REBUILD);
    expect([await allAmounts(), await moneyItems(), await totals()]).toEqual(kept);
  };
  /** Pledges whose origin-day rate is not the one money_items holds: what a load must re-value. */
  const stale = async () =>
    (
      await t.db.query(`
        SELECT count(*)::int AS n FROM money_items m
        LEFT JOIN LATERAL (SELECT f.rate_date, f.per_eur FROM fx_rates f WHERE f.currency = m.currency
                             AND f.rate_date <= m.origin_day ORDER BY f.rate_date DESC LIMIT 1) r ON true
        WHERE m.currency <> 'EUR' AND (m.rate_date, m.per_eur) IS DISTINCT FROM (r.rate_date, r.per_eur)`)
    )[0].n as number;

  beforeAll(async () => {
    t = await TestApp.start();
    const [a, b] = [await createActor(t), await createActor(t)];
    const pledgers = [[a.id], [a.id, b.id], []];
    let n = 0;
    for (const day of DAYS) {
      const sourceId = (await createSource(t, { publishedAt: `${day}T12:00:00Z` })).id;
      const pledge = (amount: Record<string, string>, extra: Record<string, unknown> = {}) =>
        createItem(
          t,
          pledgeBody(sourceId, {
            title: `Pledge ${++n}`,
            amount: { qualifier: 'exactly', ...amount },
            recurrence: 'once',
            status: n % 2 ? 'proposed' : 'agreed',
            actors: pledgers[n % 3].map((actorId) => ({ actorId, role: 'pledger' })),
            ...extra,
          }),
        );
      for (const value of ['1000', '333.33']) {
        await pledge({ value, currency: 'USD' });
      }
      await pledge({ value: '700', currency: 'GBP' });
      await pledge({ value: '50', currency: 'EUR' });
      await pledge(
        { value: '10', currency: 'USD' },
        { recurrence: 'quarterly', periodStart: day, periodEnd: '2025-12-31' },
      );
      await pledge({ value: '100', valueMax: '150.5', currency: 'USD', qualifier: 'between' });
    }
  });
  afterAll(() => t.close());

  it('should re-value exactly the pledges whose origin-day rate changed, as a rebuild would', async () => {
    // Nothing converts yet: every USD and GBP pledge is unconverted.
    expect(await putRates([{ date: '2024-03-01', currency: 'USD', perEur: '1.1' }])).toMatchObject({
      inserted: 1,
      itemsRevalued: 3 * 4, // USD pledges of 2024-03-05, 2024-06-13 and 2024-09-30
    });
    expect(await stale()).toBe(0);
    await expectSameAsRebuild();

    // A rate between two others re-values only the days up to the next rate.
    await putRates([{ date: '2024-09-01', currency: 'USD', perEur: '1.3' }]);
    const between = await putRates([
      { date: '2024-06-01', currency: 'USD', perEur: '1.2' },
      { date: '2024-01-01', currency: 'GBP', perEur: '0.85' },
    ]);
    expect(between).toMatchObject({ inserted: 2, itemsRevalued: 4 + 4 });
    expect(await stale()).toBe(0);
    await expectSameAsRebuild();

    // A changed rate, an unchanged one and a rate after every origin day.
    const changed = await putRates([
      { date: '2024-03-01', currency: 'USD', perEur: '1.0700' },
      { date: '2024-06-01', currency: 'USD', perEur: '1.2' },
      { date: '2024-12-31', currency: 'GBP', perEur: '0.9' },
    ]);
    expect(changed).toMatchObject({ inserted: 1, updated: 1, itemsRevalued: 4 });
    expect(await stale()).toBe(0);
    await expectSameAsRebuild();
  });

  it('should give the EUR figures a hand computation gives, rounded once to the cent', async () => {
    // USD per origin day after the loads above: no rate on or before 2024-01-10 (unconverted);
    // 1.07 (2024-03-01, changed) for 2024-03-05, 1.2 (2024-06-01) for 2024-06-13, 1.3 (2024-09-01)
    // for 2024-09-30. Each day: $1000 + $333.33 + $10 × quarters up to 2025 + $100–150.5.
    const perDay = [
      { rate: '1.07', quarters: 8 },
      { rate: '1.2', quarters: 7 },
      { rate: '1.3', quarters: 6 },
    ];
    const inEur = (extra: string) =>
      toCents(
        perDay.reduce(
          (sum, { rate, quarters }) =>
            sum.plus(
              new ExactDecimal('1333.33')
                .plus(10 * quarters)
                .plus(extra)
                .dividedBy(rate),
            ),
          new ExactDecimal(0),
        ),
      );
    const body = (await t.get('/v1/stats/amounts?currency=USD&convertTo=EUR&rateDate=announced')).body;
    expect(body.data).toEqual([
      expect.objectContaining({
        key: null,
        currency: 'EUR',
        pledged: inEur('100'),
        pledgedMax: inEur('150.5'),
      }),
    ]);
    expect(body.unconverted).toEqual([{ currency: 'USD', items: 4 }]);
  });

  it('should keep the totals right with rate loads and item writes at once, without deadlocks', async () => {
    const usd: { id: string; version: number }[] = await t.db.query(
      `SELECT i.id, i.version FROM money_items m JOIN items i ON i.id = m.item_id
       WHERE m.currency = 'USD' AND i.recurrence = 'once' AND i.amount_qualifier = 'exactly' ORDER BY 1`,
    );
    const writes = usd.map(({ id, version }, i) =>
      t.patch(
        `/v1/items/${id}`,
        { amount: { value: String(2000 + i), currency: 'USD', qualifier: 'exactly' } },
        { headers: { 'if-match': `"${version}"` } },
      ),
    );
    const loads = ['1.05', '1.15', '1.25'].map((perEur, i) =>
      putRates([
        { date: '2024-03-01', currency: 'USD', perEur },
        { date: `2024-0${i + 4}-15`, currency: 'USD', perEur },
        { date: '2024-12-31', currency: 'GBP', perEur },
      ]),
    );
    const results = await Promise.all([...writes, ...loads]);
    expect(results.slice(0, writes.length).map((r) => (r as { status: number }).status)).toEqual(
      writes.map(() => 200),
    );
    expect(await stale()).toBe(0);
    await expectSameAsRebuild();
  });
});
