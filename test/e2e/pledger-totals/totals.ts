import { MONEY_TOTALS_BULK_REBUILD } from '../../../src/database/functions/money-totals';
import { ExactDecimal, toCents } from '../../../src/common/money';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../../helpers/factories';

/**
 * `GET /v1/stats/amounts?groupBy=pledger&convertTo=EUR` reads totals the writers keep
 * (docs/money.md, "How it stays fast"). After each kind of write — creates, amount and pledger
 * edits, status changes, a merge, a discard and a restore — the answer must be the row-by-row
 * one: computed here from the items as `GET /v1/items/:id` shows them, pledge by pledge, and
 * equal to a rebuild of the totals from scratch for every grouping.
 *
 * Origin days: 2024-03-05 (early) and 2024-06-13 (late). Rates, units per EUR: USD 1.25 from
 * 2024-03-01 and 1.1 from 2024-06-01; GBP 0.8 from 2024-06-01 only, so an early GBP pledge has
 * no origin-day rate (unconverted with `announced`) but converts with `latest`.
 */
const DAYS = { early: '2024-03-05', late: '2024-06-13' } as const;
const RATES = [
  { date: '2024-03-01', currency: 'USD', perEur: '1.25' },
  { date: '2024-06-01', currency: 'USD', perEur: '1.1' },
  { date: '2024-06-01', currency: 'GBP', perEur: '0.8' },
];
const LATEST: Record<string, string> = { EUR: '1', USD: '1.1', GBP: '0.8' };

/** The rate on or before `day` (units per EUR), '1' for EUR, undefined when there is none. */
function rateOn(currency: string, day: string): string | undefined {
  if (currency === 'EUR') return '1';
  return RATES.filter((r) => r.currency === currency && r.date <= day)
    .sort((a, b) => b.date.localeCompare(a.date))
    .at(0)?.perEur;
}

interface Shown {
  status: string;
  amount: { value: string; valueMax?: string; currency: string };
  actors: { name: string; role: string }[];
  citations: { sourceId: string; role: string }[];
}

type Row = { key: string | null; pledged: string; pledgedMax: string };

describe('money: the pledger totals follow every write', () => {
  let t: TestApp;
  const dayOf = new Map<string, string>();
  const tracked: string[] = [];
  const actors: Record<'a' | 'b' | 'c', { id: string; name: string }> = {} as never;

  const pledge = async (
    day: keyof typeof DAYS,
    amount: Record<string, string>,
    pledgers: (keyof typeof actors)[],
  ) => {
    const sourceId = [...dayOf].find(([, d]) => d === DAYS[day])![0];
    const item = await createItem(
      t,
      pledgeBody(sourceId, {
        title: `Pledge ${tracked.length + 1}`,
        amount: { qualifier: 'exactly', ...amount },
        recurrence: 'once',
        actors: pledgers.map((p) => ({ actorId: actors[p].id, role: 'pledger' })),
      }),
    );
    tracked.push(item.id);
    return item.id as string;
  };
  const versionOf = async (id: string) => String((await t.get(`/v1/items/${id}`)).headers.etag);
  const edit = async (id: string, body: Record<string, unknown>) => {
    const res = await t.patch(`/v1/items/${id}`, body, { headers: { 'if-match': await versionOf(id) } });
    expect(res.status).toBe(200);
  };

  /** Each counted pledge as the API shows it: its EUR value at its origin day's rate, its pledgers. */
  const countedPledges = async () => {
    const shown: (Shown & { day: string })[] = [];
    for (const id of tracked) {
      const res = await t.get(`/v1/items/${id}`);
      if (res.status !== 200) continue; // merged (308) or discarded (410): not counted
      const item = res.body as Shown;
      if (item.status === 'withdrawn') continue;
      const origins = item.citations.filter((c) => c.role === 'origin').map((c) => dayOf.get(c.sourceId)!);
      shown.push({ ...item, day: origins.sort()[0] });
    }
    return shown.map((item) => ({
      ...item.amount,
      day: item.day,
      keys: item.actors.filter((a) => a.role === 'pledger').map((a) => a.name as string | null),
    }));
  };

  /** The row-by-row answer: each pledge converted on its own (announced) or per currency (latest). */
  const expected = async (rateDate: 'announced' | 'latest') => {
    const sums = new Map<string | null, { pledged: ExactDecimal; pledgedMax: ExactDecimal }>();
    const unconverted = new Map<string, number>();
    for (const p of await countedPledges()) {
      const rate = rateDate === 'announced' ? rateOn(p.currency, p.day) : LATEST[p.currency];
      for (const key of p.keys.length ? p.keys : [null]) {
        const sum = sums.get(key) ?? { pledged: new ExactDecimal(0), pledgedMax: new ExactDecimal(0) };
        // announced: each pledge's EUR value kept to 12 decimals, as the writers store it.
        const inEur = (v: string) =>
          rateDate === 'announced'
            ? new ExactDecimal(v).dividedBy(rate!).toDecimalPlaces(12, ExactDecimal.ROUND_HALF_UP)
            : new ExactDecimal(v).dividedBy(rate!);
        if (rate) {
          sum.pledged = sum.pledged.plus(inEur(p.value));
          sum.pledgedMax = sum.pledgedMax.plus(inEur(p.valueMax ?? p.value));
        }
        sums.set(key, sum);
      }
      if (!rate) unconverted.set(p.currency, (unconverted.get(p.currency) ?? 0) + 1);
    }
    const rows: Row[] = [...sums].map(([key, s]) => ({
      key,
      pledged: toCents(s.pledged),
      pledgedMax: toCents(s.pledgedMax),
    }));
    return {
      rows: rows.sort((x, y) => (x.key === null ? 1 : y.key === null ? -1 : x.key < y.key ? -1 : 1)), // null last
      unconverted: [...unconverted].sort().map(([currency, items]) => ({ currency, items })),
    };
  };

  const answered = async (rateDate: 'announced' | 'latest') => {
    const res = await t.get(`/v1/stats/amounts?groupBy=pledger&convertTo=EUR&rateDate=${rateDate}`, {
      headers: { 'cache-control': 'no-cache' },
    });
    expect(res.status).toBe(200);
    const body = res.body as { data: (Row & { currency: string })[]; unconverted: unknown[] };
    expect(new Set(body.data.map((r) => r.currency))).toEqual(new Set(['EUR']));
    return {
      rows: body.data.map(({ key, pledged, pledgedMax }) => ({ key, pledged, pledgedMax })),
      unconverted: body.unconverted,
    };
  };

  const GROUPINGS = ['', 'groupBy=pledger', 'groupBy=status', 'groupBy=period'].flatMap((g) => [
    g,
    ...['announced', 'latest'].map((r) => `${g}${g ? '&' : ''}convertTo=EUR&rateDate=${r}`),
  ]);
  const everyGrouping = () =>
    Promise.all(GROUPINGS.map(async (q) => (await t.get(`/v1/stats/amounts?${q}`)).body as unknown));

  /** The kept totals answer what the items say, and what a rebuild from scratch answers. */
  const expectRowByRow = async () => {
    expect(await answered('announced')).toEqual(await expected('announced'));
    const latest = await expected('latest');
    expect(await answered('latest')).toEqual({ ...latest, unconverted: [] });
    const kept = await everyGrouping();
    await t.db.query(MONEY_TOTALS_BULK_REBUILD);
    expect(await everyGrouping()).toEqual(kept);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const res = await t.request('PUT', '/v1/fx-rates', {
      headers: { 'content-type': 'application/json' },
      raw: JSON.stringify(RATES),
    });
    expect(res.status).toBe(200);
    for (const day of Object.values(DAYS)) {
      dayOf.set((await createSource(t, { publishedAt: `${day}T09:00:00Z` })).id, day);
    }
    for (const k of ['a', 'b', 'c'] as const) {
      const actor = await createActor(t, { name: `Pledger ${k.toUpperCase()}` });
      actors[k] = { id: actor.id, name: actor.name };
    }
  });
  afterAll(() => t.close());

  it('should answer row by row after creates, edits, status changes, a merge, a discard and a restore', async () => {
    const p1 = await pledge('late', { value: '1000', currency: 'EUR' }, ['a']);
    const p2 = await pledge('late', { value: '500', currency: 'USD' }, ['a', 'b']);
    const p3 = await pledge('early', { value: '300', currency: 'GBP' }, ['b']);
    const p4 = await pledge(
      'early',
      { value: '100', valueMax: '150.5', currency: 'USD', qualifier: 'between' },
      ['c'],
    );
    const p5 = await pledge('early', { value: '70.35', currency: 'EUR' }, []);
    const p6 = await pledge('early', { value: '333.33', currency: 'USD' }, ['c']);
    // £0.06 / 0.8 = €0.075: with p5, no pledger holds €70.425, a tie rounded to the even cent (70.42).
    await pledge('late', { value: '0.06', currency: 'GBP' }, []);
    await expectRowByRow();

    // An amount, a currency and the pledgers change.
    await edit(p1, { amount: { value: '1200', currency: 'EUR', qualifier: 'exactly' } });
    await edit(p2, { amount: { value: '400', currency: 'GBP', qualifier: 'exactly' } });
    await edit(p4, {
      actors: [
        { actorId: actors.a.id, role: 'pledger' },
        { actorId: actors.c.id, role: 'speaker' },
      ],
    });
    await expectRowByRow();

    // A status that keeps the pledge counted, and one that leaves it out.
    const sourceId = [...dayOf.keys()][0];
    for (const [id, status] of [
      [p1, 'agreed'],
      [p5, 'withdrawn'],
    ]) {
      const res = await t.post(`/v1/items/${id}/updates`, {
        note: 'status',
        status,
        evidence: [{ sourceId }],
      });
      expect(res.status).toBe(201);
    }
    await expectRowByRow();

    // A merge: the survivor takes the duplicate's pledgers and its earlier origin day.
    expect((await t.post(`/v1/items/${p3}/merge`, { intoId: p6 })).status).toBe(200);
    await expectRowByRow();

    // A discard leaves the totals; a restore brings the pledge back.
    expect((await t.delete(`/v1/items/${p4}`, { headers: { 'if-match': await versionOf(p4) } })).status).toBe(
      204,
    );
    await expectRowByRow();
    expect((await t.post(`/v1/items/${p4}/restore`)).status).toBe(200);
    await expectRowByRow();
  });
});
