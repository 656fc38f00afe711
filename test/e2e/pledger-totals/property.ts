import fc from 'fast-check';
import { MONEY_TOTALS_BULK_REBUILD } from '../../../src/database/functions/money-totals';
import { AMOUNTS_EUR } from '../../../src/stats/amounts.queries';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../../helpers/factories';

/**
 * `groupBy=pledger&convertTo=EUR&rateDate=announced` reads `pledger_totals`, kept by the writers
 * (docs/money.md). After random writes of every kind that moves money — creates (one-off,
 * recurring with an end, open-ended, first period ahead), amount and currency edits, pledger
 * edits, progress figures, withdrawals, merges, discards and rate loads that re-value — its answer
 * must equal the per-currency query over `amount_totals` (the route's query before `pledger_totals`),
 * and both must equal what they answer after the totals are rebuilt from the items.
 */
const DAYS = ['2024-03-05', '2024-06-13', '2025-01-10'];
const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
const FIELDS = ['key', 'currency', 'pledged', 'pledgedMax', 'committed', 'allocated', 'delivered'];

const money = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  cents: fc.integer({ min: 1, max: 5_000_000 }),
  rangeCents: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
});
const pledgers = fc.subarray([0, 1, 2, 3]);
type Money = { currency: string; cents: number; rangeCents: number | null };

type Op =
  | { kind: 'create'; money: Money; rec: string; when: string; day: number; pledgers: number[] }
  | { kind: 'amount'; pick: number; money: Money }
  | { kind: 'pledgers'; pick: number; pledgers: number[] }
  | { kind: 'progress'; pick: number; stage: string; cents: number }
  | { kind: 'withdraw' | 'discard'; pick: number }
  | { kind: 'merge'; pick: number; into: number }
  | { kind: 'rate'; currency: string; day: string; perEur: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      money,
      rec: fc.constantFrom('once', 'annual', 'quarterly', 'monthly'),
      when: fc.constantFrom('open', 'ended', 'ahead'),
      day: fc.nat({ max: DAYS.length - 1 }),
      pledgers,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('amount' as const), pick: fc.nat(), money }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pledgers' as const), pick: fc.nat(), pledgers }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('progress' as const),
      pick: fc.nat(),
      stage: fc.constantFrom('committed', 'allocated', 'delivered'),
      cents: fc.integer({ min: 1, max: 1_000_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('withdraw' as const, 'discard' as const), pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('merge' as const), pick: fc.nat(), into: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rate' as const),
      currency: fc.constantFrom('USD', 'GBP'),
      day: fc.constantFrom('2024-02-01', '2024-06-01', '2024-06-13', '2024-12-31'),
      perEur: fc.constantFrom('1.1', '3', '0.7', '1.3333', '0.85'),
    }),
  },
);

const decimal = (cents: number) => (cents / 100).toFixed(2);
const amountOf = (m: Money) => ({
  value: decimal(m.cents),
  currency: m.currency,
  ...(m.rangeCents
    ? { qualifier: 'between', valueMax: decimal(m.cents + m.rangeCents) }
    : { qualifier: 'exactly' }),
});
const period = (rec: string, when: string) =>
  rec === 'once' || when === 'open'
    ? {}
    : when === 'ended'
      ? { periodStart: '2024-01-01', periodEnd: '2026-06-30' }
      : { periodStart: `${new Date().getUTCFullYear() + 1}-01-01` };

type Row = Record<string, string | null>;
const byKey = (rows: Row[]) =>
  rows
    .map((r) => Object.fromEntries(FIELDS.map((f) => [f, r[f]])))
    .sort((a, b) =>
      a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1,
    );

describe('money: the per-pledger EUR totals against the per-currency query, after random writes', () => {
  let t: TestApp;
  const sources: string[] = [];
  const actorIds: string[] = [];
  const items: { id: string; currency: string }[] = [];

  const versionOf = async (id: string) => String((await t.get(`/v1/items/${id}`)).headers.etag);
  const patch = async (id: string, body: object) =>
    t.patch(`/v1/items/${id}`, body, { headers: { 'if-match': await versionOf(id) } });
  const pick = (n: number) => items[n % items.length];
  const asPledgers = (picked: number[]) => picked.map((k) => ({ actorId: actorIds[k], role: 'pledger' }));

  async function apply(op: Op): Promise<number> {
    if (op.kind === 'create') {
      const item = await createItem(
        t,
        pledgeBody(sources[op.day], {
          title: `Random pledge ${items.length + 1}`,
          amount: amountOf(op.money),
          recurrence: op.rec,
          ...period(op.rec, op.when),
          actors: asPledgers(op.pledgers),
        }),
      );
      items.push({ id: item.id as string, currency: op.money.currency });
      return 201;
    }
    if (op.kind === 'rate') {
      const rates = [{ date: op.day, currency: op.currency, perEur: op.perEur }];
      return (
        await t.request('PUT', '/v1/fx-rates', {
          headers: { 'content-type': 'application/json' },
          raw: JSON.stringify(rates),
        })
      ).status;
    }
    if (items.length === 0) return 0;
    const item = pick(op.pick);
    switch (op.kind) {
      case 'amount': {
        const res = await patch(item.id, { amount: amountOf(op.money) });
        if (res.status === 200) item.currency = op.money.currency;
        return res.status;
      }
      case 'pledgers':
        return (await patch(item.id, { actors: asPledgers(op.pledgers) })).status;
      case 'progress':
        return (
          await t.post(`/v1/items/${item.id}/updates`, {
            note: 'progress',
            progress: {
              stage: op.stage,
              delivered: { value: decimal(op.cents), currency: item.currency },
              period: '2024',
            },
          })
        ).status;
      case 'withdraw':
        return (
          await t.post(`/v1/items/${item.id}/updates`, {
            note: 'out',
            status: 'withdrawn',
            evidence: [{ sourceId: sources[0] }],
          })
        ).status;
      case 'discard':
        return (await t.delete(`/v1/items/${item.id}`, { headers: { 'if-match': await versionOf(item.id) } }))
          .status;
      case 'merge':
        return (await t.post(`/v1/items/${item.id}/merge`, { intoId: pick(op.into).id })).status;
    }
  }

  const route = async () => {
    const res = await t.get('/v1/stats/amounts?groupBy=pledger&convertTo=EUR&rateDate=announced', {
      headers: { 'cache-control': 'no-cache' },
    });
    expect(res.status).toBe(200);
    return byKey((res.body as { data: Row[] }).data);
  };
  const perCurrencyQuery = async () =>
    byKey(await t.db.query<Row[]>(AMOUNTS_EUR, ['pledger', null, new Date().toISOString().slice(0, 10)]));

  beforeAll(async () => {
    t = await TestApp.start();
    const rates = [
      { date: '2024-03-01', currency: 'USD', perEur: '1.25' },
      { date: '2024-06-01', currency: 'GBP', perEur: '0.8' },
    ];
    const res = await t.request('PUT', '/v1/fx-rates', {
      headers: { 'content-type': 'application/json' },
      raw: JSON.stringify(rates),
    });
    expect(res.status).toBe(200);
    for (const day of DAYS) sources.push((await createSource(t, { publishedAt: `${day}T09:00:00Z` })).id);
    for (const k of [1, 2, 3, 4]) actorIds.push((await createActor(t, { name: `Random pledger ${k}` })).id);
  });
  afterAll(() => t.close());

  it('should answer what the per-currency query answers, before and after a rebuild from the items', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 10 }), async (ops) => {
        for (const op of ops) expect(await apply(op)).toBeLessThan(500);
        const kept = await route();
        expect(kept).toEqual(await perCurrencyQuery());
        await t.db.query(MONEY_TOTALS_BULK_REBUILD);
        expect(await route()).toEqual(kept);
        expect(await perCurrencyQuery()).toEqual(kept);
        if (kept.some((r) => r.key !== null && r.pledged !== '0')) checked++;
      }),
      { numRuns: 12 },
    );
    // The writes did reach pledgers: the comparison was not between empty answers.
    expect(checked).toBeGreaterThan(0);
  }, 300_000);
});
