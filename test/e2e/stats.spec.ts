import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../helpers/factories';

/**
 * Stats against a hand-counted fixture (all from one source published 2024-06-13T18:00Z):
 *  A  €40bn at_least, annual, open-ended (starts at the source date); proposed → agreed 2024-07-01 → in_progress 2025-01-15;
 *     delivered for 2024: 10bn then 15bn (cumulative, the later counts), for 2025: 5bn. Pledger: Allies.
 *  B  €100 monthly 2024-01..2024-06 (6 periods); agreed → fulfilled 2024-07-10; delivered 100 for 2024-06, then 300 retracted.
 *     Pledgers: Allies and Poland (a joint pledge counts in each pledger's row).
 *  C  $1000 once, proposed, no pledger.
 *  D  €500 up_to, proposed → withdrawn 2024-08-01: left out of amounts.
 *  E  €700, proposed, merged into A: left out everywhere.
 *  F  claim confirmed;  G  claim unverified.
 */
describe('stats', () => {
  let t: TestApp;
  let sourceId: string;
  const today = new Date();
  // A's annual periods so far: the calendar years 2024, 2025, … up to this one.
  const periodsOfA = today.getUTCFullYear() - 2024 + 1;
  /** A row of /amounts: no ranges and no committed or allocated figures in this fixture. */
  const row = (key: string | null, currency: string, pledged: string, delivered: string) => ({
    key,
    currency,
    pledged,
    pledgedMax: pledged,
    committed: '0',
    allocated: '0',
    delivered,
  });

  const update = async (itemId: string, body: Record<string, unknown>) => {
    const res = await t.post(`/v1/items/${itemId}/updates`, { note: 'fixture', ...body });
    if (res.status !== 201) throw new Error(`update: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  const evidence = () => [{ sourceId }];

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    const allies = (await createActor(t, { name: 'Allies' })).id;
    const poland = (await createActor(t, { name: 'Poland', kind: 'country' })).id;
    const a = await createItem(t, pledgeBody(sourceId, { actors: [{ actorId: allies, role: 'pledger' }] }));
    const b = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'B',
        amount: { value: '100', currency: 'EUR' },
        recurrence: 'monthly',
        periodStart: '2024-01-01',
        periodEnd: '2024-06-30',
        status: 'agreed',
        actors: [
          { actorId: allies, role: 'pledger' },
          { actorId: poland, role: 'pledger' },
        ],
      }),
    );
    const c = await createItem(
      t,
      pledgeBody(sourceId, { title: 'C', amount: { value: '1000', currency: 'USD' }, recurrence: 'once' }),
    );
    const d = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'D',
        amount: { value: '500', currency: 'EUR', qualifier: 'up_to' },
        recurrence: null,
      }),
    );
    const e = await createItem(
      t,
      pledgeBody(sourceId, { title: 'E', amount: { value: '700', currency: 'EUR' }, recurrence: null }),
    );
    await createItem(
      t,
      pledgeBody(sourceId, {
        kind: 'claim',
        title: 'F',
        status: 'confirmed',
        amount: undefined,
        recurrence: undefined,
      }),
    );
    await createItem(
      t,
      pledgeBody(sourceId, {
        kind: 'claim',
        title: 'G',
        status: 'unverified',
        amount: undefined,
        recurrence: undefined,
      }),
    );
    void c;

    await update(a.id, { status: 'agreed', effectiveAt: '2024-07-01T00:00:00Z' });
    await update(a.id, {
      status: 'in_progress',
      effectiveAt: '2025-01-15T00:00:00Z',
      progress: { delivered: { value: '10000000000', currency: 'EUR' }, period: '2024' },
    });
    await update(a.id, {
      effectiveAt: '2025-02-01T00:00:00Z',
      progress: { delivered: { value: '15000000000', currency: 'EUR' }, period: '2024' },
    });
    await update(a.id, {
      effectiveAt: '2025-03-01T00:00:00Z',
      progress: { delivered: { value: '5000000000', currency: 'EUR' }, period: '2025' },
    });
    await update(b.id, { status: 'fulfilled', effectiveAt: '2024-07-10T00:00:00Z', evidence: evidence() });
    await update(b.id, {
      effectiveAt: '2024-07-20T00:00:00Z',
      progress: { delivered: { value: '100', currency: 'EUR' }, period: '2024-06' },
    });
    const wrong = await update(b.id, {
      effectiveAt: '2024-07-25T00:00:00Z',
      progress: { delivered: { value: '300', currency: 'EUR' }, period: '2024-06' },
    });
    const retract = await t.post(`/v1/items/${b.id}/updates/${wrong}/retract`, { reason: 'typo' });
    expect(retract.status).toBe(200);
    await update(d.id, { status: 'withdrawn', effectiveAt: '2024-08-01T00:00:00Z', evidence: evidence() });
    await t.db.query(`UPDATE items SET merged_into_id = $1 WHERE id = $2`, [a.id, e.id]);
  });
  afterAll(() => t.close());

  describe('GET /v1/stats/status', () => {
    it('should count current statuses of one scale, zeros included, merged items left out', async () => {
      const res = await t.get('/v1/stats/status?kind=commitment');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        total: 4,
        byStatus: {
          proposed: 1,
          agreed: 0,
          in_progress: 1,
          fulfilled: 1,
          partially_fulfilled: 0,
          stalled: 0,
          broken: 0,
          withdrawn: 1,
        },
      });
    });

    it('should count both scales without kind', async () => {
      const res = await t.get('/v1/stats/status');
      expect(res.body.total).toBe(6);
      expect(Object.keys(res.body.byStatus)).toHaveLength(13);
      expect(res.body.byStatus).toMatchObject({ confirmed: 1, unverified: 1, refuted: 0 });
    });

    it.each([
      ['2024-06-01T00:00:00Z', 0, {}],
      ['2024-06-20T00:00:00Z', 4, { proposed: 3, agreed: 1 }],
      ['2024-07-05T00:00:00Z', 4, { proposed: 2, agreed: 2 }],
      ['2024-08-15', 4, { proposed: 1, agreed: 1, fulfilled: 1, withdrawn: 1 }],
      ['2025-06-01T00:00:00Z', 4, { proposed: 1, in_progress: 1, fulfilled: 1, withdrawn: 1 }],
    ])('should answer asOf=%s from the status intervals', async (asOf, total, counts) => {
      const res = await t.get(`/v1/stats/status?kind=commitment&asOf=${asOf}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(total);
      const nonZero = Object.fromEntries(Object.entries(res.body.byStatus).filter(([, n]) => n !== 0));
      expect(nonZero).toEqual(counts);
    });

    it('should count asOf from the day deltas exactly as from the intervals, at every boundary and around it', async () => {
      const bounds: { at: Date }[] = await t.db.query(
        `SELECT lower(during) AS at FROM status_periods UNION SELECT upper(during) FROM status_periods WHERE NOT upper_inf(during)`,
      );
      const instants = bounds.flatMap(({ at }) =>
        [-1, 0, 1, 3_600_000].map((ms) => new Date(at.getTime() + ms)),
      );
      expect(instants.length).toBeGreaterThanOrEqual(20);
      for (const at of instants) {
        const asOf = at.toISOString();
        const fromDeltas = await t.get(`/v1/stats/status?asOf=${asOf}`);
        const fromIntervals = await t.get(`/v1/stats/status?tag=military-aid&asOf=${asOf}`); // every fixture item has it
        expect([asOf, fromDeltas.body]).toEqual([asOf, fromIntervals.body]);
      }
    });

    it('should keep the live counters equal to a full count after creates, status changes, retractions and merges', async () => {
      const live = await t.get('/v1/stats/status');
      const counted = await t.get('/v1/stats/status?tag=military-aid'); // every fixture item has this tag: counted from items
      expect(live.body).toEqual(counted.body);
    });

    it('should filter by actor and tag', async () => {
      const [poland] = (await t.get('/v1/actors?q=poland')).body.data;
      expect((await t.get(`/v1/stats/status?actorId=${poland.id}`)).body.total).toBe(1);
      expect((await t.get('/v1/stats/status?tag=military-aid')).body.total).toBe(6);
      expect((await t.get('/v1/stats/status?tag=nothing')).body.total).toBe(0);
    });

    it.each(['asOf=yesterday', 'kind=pledge', 'actorId=42', 'unknown=1'])(
      'should refuse %s with 422',
      async (query) => {
        expect((await t.get(`/v1/stats/status?${query}`)).status).toBe(422);
      },
    );
  });

  describe('GET /v1/stats/amounts', () => {
    const pledgedEur = (40000000000n * BigInt(periodsOfA) + 600n).toString();

    it('should sum per currency, recurring pledges once per period, withdrawn and merged left out', async () => {
      const res = await t.get('/v1/stats/amounts');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        row(null, 'EUR', pledgedEur, '20000000100'),
        row(null, 'USD', '1000', '0'),
      ]);
    });

    it('should keep to one currency when asked', async () => {
      const res = await t.get('/v1/stats/amounts?currency=USD');
      expect(res.body.data).toEqual([row(null, 'USD', '1000', '0')]);
    });

    it('should group by status', async () => {
      const res = await t.get('/v1/stats/amounts?currency=EUR&groupBy=status');
      expect(res.body.data).toEqual([
        row('fulfilled', 'EUR', '600', '100'),
        row('in_progress', 'EUR', (40000000000n * BigInt(periodsOfA)).toString(), '20000000000'),
      ]);
    });

    it('should count a joint pledge in each pledger row and keep pledges without a pledger under null', async () => {
      const res = await t.get('/v1/stats/amounts?groupBy=pledger');
      expect(res.body.data).toEqual([
        row('Allies', 'EUR', pledgedEur, '20000000100'),
        row('Poland', 'EUR', '600', '100'),
        row(null, 'USD', '1000', '0'),
      ]);
    });

    it('should put each period of a pledge in the year it begins', async () => {
      const res = await t.get('/v1/stats/amounts?currency=EUR&groupBy=period');
      expect(res.body.data.slice(0, 2)).toEqual([
        row('2024', 'EUR', '40000000600', '15000000100'),
        row('2025', 'EUR', '40000000000', '5000000000'),
      ]);
      expect(res.body.data).toHaveLength(periodsOfA);
    });

    it.each(['currency=eur', 'currency=XYZ', 'groupBy=actor'])('should refuse %s with 422', async (query) => {
      expect((await t.get(`/v1/stats/amounts?${query}`)).status).toBe(422);
    });
  });

  describe('GET /v1/stats/activity', () => {
    it('should count updates and status changes per month, retracted ones left out, empty months as zeros', async () => {
      const res = await t.get(
        '/v1/stats/activity?interval=month&from=2024-06-01T00:00:00Z&to=2024-09-01T00:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        { period: '2024-06-01', updates: 0, statusChanges: 0 },
        { period: '2024-07-01', updates: 3, statusChanges: 2 },
        { period: '2024-08-01', updates: 1, statusChanges: 1 },
      ]);
    });

    it.each([
      'interval=year',
      'from=2024-09-01T00:00:00Z&to=2024-06-01T00:00:00Z',
      'interval=day&from=2000-01-01T00:00:00Z&to=2024-01-01T00:00:00Z',
      'from=soon',
    ])('should refuse %s with 422', async (query) => {
      expect((await t.get(`/v1/stats/activity?${query}`)).status).toBe(422);
    });
  });

  describe('GET /v1/stats/follow-ups', () => {
    it('should count follow-ups by state and due date', async () => {
      const [item] = (await t.get('/v1/items?kind=claim')).body.data;
      await t.db.query(`DELETE FROM follow_ups`);
      await t.db.query(
        `INSERT INTO follow_ups (item_id, due_at, note, state, created_by) VALUES
          ($1, now() + interval '3 days', 'soon', 'scheduled', 't'), ($1, now() - interval '2 days', 'late', 'scheduled', 't'),
          ($1, now() + interval '30 days', 'later', 'scheduled', 't'), ($1, now() - interval '1 day', 'sent', 'notified', 't'),
          ($1, now() - interval '9 days', 'closed', 'done', 't'), ($1, now() - interval '9 days', 'dropped', 'cancelled', 't')`,
        [item.id],
      );
      const res = await t.get('/v1/stats/follow-ups');
      expect(res.body).toEqual({ scheduled: 3, overdue: 2, dueNext7Days: 1, notified: 1, done: 1 });
    });
  });
});
