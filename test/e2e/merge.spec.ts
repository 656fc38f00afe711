import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../helpers/factories';
import { SimilarItems } from '../../src/items/similar';

/** Duplicates: similar, possibleDuplicates on create, and merge with a 308 redirect. */
describe('duplicates and merge', () => {
  let t: TestApp;
  let sourceId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
  });
  afterAll(() => t.close());

  describe('GET /v1/items/similar', () => {
    it('should find the same pledge worded by another outlet, best first with a score', async () => {
      const pledge = await createItem(t, pledgeBody(sourceId));
      await createItem(
        t,
        pledgeBody(sourceId, {
          title: 'Defence-industry pledge',
          statement: 'Ministers discuss a pledge on defence production.',
          amount: null,
          recurrence: null,
        }),
      );
      const res = await t.get(
        `/v1/items/similar?text=${encodeURIComponent('Allies to give Ukraine at least 40bn euros of military aid every year')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.data[0]).toMatchObject({ id: pledge.id, kind: 'commitment' });
      expect(res.body.data[0].score).toBeGreaterThan(0.3);
      expect(res.body.data[0].score).toBeLessThanOrEqual(1);
      expect(res.body.data.map((d: { id: string }) => d.id)).toHaveLength(1);
    });

    it.each(['', 'text=', 'text=ab', 'text=abc&limit=0', 'text=abc&limit=51', 'text=abc&kind=pledge'])(
      'should refuse ?%s with 422',
      async (query) => {
        expect((await t.get(`/v1/items/similar?${query}`)).status).toBe(422);
      },
    );

    it('should answer possibleDuplicates when creating a look-alike', async () => {
      const res = await t.post(
        '/v1/items',
        pledgeBody(sourceId, { title: 'Allies provide Ukraine at least €40bn of military aid each year' }),
      );
      expect(res.status).toBe(201);
      expect(res.body.possibleDuplicates.length).toBeGreaterThanOrEqual(1);
      expect(res.body.possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(res.body.id);
      const fresh = await t.post(
        '/v1/items',
        pledgeBody(sourceId, {
          kind: 'claim',
          title: 'Ministers met in Brussels',
          statement: 'They met on Thursday.',
          amount: null,
          recurrence: null,
          status: 'unverified',
        }),
      );
      expect(fresh.body.possibleDuplicates).toEqual([]);
    });

    it('should create the item once, with no hints, when the possibleDuplicates lookup fails', async () => {
      const similar = t.app.get(SimilarItems);
      // A real failing statement, not just a thrown error: the lookup (run just before the create's
      // transaction) fails on its own and the item still commits.
      const failing = jest
        .spyOn(similar, 'find')
        .mockImplementation((m) => m.transaction((tx) => tx.query('SELECT 1 / 0')));
      const title = `Hint lookup fails ${Date.now()}`;
      const body = pledgeBody(sourceId, { title });
      const headers = { 'idempotency-key': `hints-fail-${Date.now()}` };
      try {
        const first = await t.post('/v1/items', body, { headers });
        expect(first.status).toBe(201);
        expect(first.body.possibleDuplicates).toEqual([]);
        const retry = await t.post('/v1/items', body, { headers });
        expect(retry.status).toBe(201);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.body.id).toBe(first.body.id);
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM items WHERE title = $1`, [title]);
        expect(n).toBe(1);
        expect(failing).toHaveBeenCalledTimes(1);
      } finally {
        failing.mockRestore();
      }
    });
  });

  describe('POST /v1/items/:id/merge', () => {
    it('should move citations, updates, follow-ups and actors into the survivor and redirect the merged id', async () => {
      const actor = (await createActor(t)).id;
      const survivor = await createItem(t, pledgeBody(sourceId));
      const duplicate = await createItem(
        t,
        pledgeBody(sourceId, { actors: [{ actorId: actor, role: 'pledger' }] }),
      );
      const update = await t.post(`/v1/items/${duplicate.id}/updates`, {
        status: 'agreed',
        effectiveAt: '2024-06-20T00:00:00Z',
        note: 'Endorsed',
      });
      expect(update.status).toBe(201);
      await t.db.query(
        `INSERT INTO follow_ups (item_id, due_at, note, created_by) VALUES ($1, now() + interval '1 day', 'check', 't')`,
        [duplicate.id],
      );

      const res = await t.post(
        `/v1/items/${duplicate.id}/merge`,
        { intoId: survivor.id },
        { key: t.keys.editor },
      );
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(survivor.id);
      expect(res.body.version).toBe(survivor.version + 1);
      // The new version, with the stamp of the actors and follow-ups it now shows (docs/tracking.md).
      expect(res.headers.etag).toMatch(new RegExp(`^"${survivor.version + 1}\\.[0-9a-z]+"$`));
      expect(res.body.status).toBe('agreed');
      expect(res.body.citations).toHaveLength(2);
      expect(res.body.actors.map((a: { actorId: string }) => a.actorId)).toContain(actor);
      const [{ n: updates }] = await t.db.query(`SELECT count(*)::int AS n FROM updates WHERE item_id = $1`, [
        survivor.id,
      ]);
      const [{ n: followUps }] = await t.db.query(
        `SELECT count(*)::int AS n FROM follow_ups WHERE item_id = $1`,
        [survivor.id],
      );
      expect([updates, followUps]).toEqual([1, 1]);

      const redirect = await t.get(`/v1/items/${duplicate.id}`);
      expect(redirect.status).toBe(308);
      expect(redirect.headers.location).toBe(`/v1/items/${survivor.id}`);
      const audit = await t.db.query(
        `SELECT action FROM audit_log WHERE entity_id = ANY($1::uuid[]) AND action LIKE 'merge%' ORDER BY action`,
        [[duplicate.id, survivor.id]],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['merge', 'merge.survivor']);
      const list = (await t.get('/v1/items?limit=200')).body.data.map((i: { id: string }) => i.id);
      expect(list).not.toContain(duplicate.id);
    });

    it('should count the delivered progress of the duplicate for the survivor in the amounts', async () => {
      const survivor = await createItem(
        t,
        pledgeBody(sourceId, { amount: { value: '1000', currency: 'JPY' } }),
      );
      const duplicate = await createItem(
        t,
        pledgeBody(sourceId, { amount: { value: '1000', currency: 'JPY' } }),
      );
      const progress = await t.post(`/v1/items/${duplicate.id}/updates`, {
        note: 'paid',
        progress: { delivered: { value: '300', currency: 'JPY' }, period: '2024' },
      });
      expect(progress.status).toBe(201);
      expect((await t.post(`/v1/items/${duplicate.id}/merge`, { intoId: survivor.id })).status).toBe(200);
      const [row] = (await t.get('/v1/stats/amounts?currency=JPY')).body.data;
      expect(row.delivered).toBe('300');
      expect(
        await t.db.query(`SELECT item_id FROM delivered_latest WHERE item_id = ANY($1::uuid[])`, [
          [survivor.id, duplicate.id],
        ]),
      ).toEqual([{ item_id: survivor.id }]);
    });

    it('should point earlier merges at the new survivor, never a chain of redirects', async () => {
      const [a, b, c] = [
        await createItem(t, pledgeBody(sourceId)),
        await createItem(t, pledgeBody(sourceId)),
        await createItem(t, pledgeBody(sourceId)),
      ];
      expect((await t.post(`/v1/items/${a.id}/merge`, { intoId: b.id })).status).toBe(200);
      expect((await t.post(`/v1/items/${b.id}/merge`, { intoId: c.id })).status).toBe(200);
      expect((await t.get(`/v1/items/${a.id}`)).headers.location).toBe(`/v1/items/${c.id}`);
    });

    it('should refuse merging into itself (422), a merged item again or into a merged item (409), across kinds (422), unknown ids (404)', async () => {
      const a = await createItem(t, pledgeBody(sourceId));
      const b = await createItem(t, pledgeBody(sourceId));
      const gone = await createItem(t, pledgeBody(sourceId));
      const claim = await createItem(
        t,
        pledgeBody(sourceId, { kind: 'claim', status: 'unverified', amount: null, recurrence: null }),
      );
      await t.post(`/v1/items/${gone.id}/merge`, { intoId: b.id });
      const cases: [string, unknown, number, string?][] = [
        [a.id, { intoId: a.id }, 422, 'ITEM.MERGE_INTO_ITSELF'],
        [a.id, { intoId: gone.id }, 409, 'ITEM.MERGE_TARGET_MERGED'],
        [gone.id, { intoId: a.id }, 409, 'ITEM.ALREADY_MERGED'],
        [claim.id, { intoId: a.id }, 422, 'ITEM.MERGE_KIND_MISMATCH'],
        [a.id, { intoId: '00000000-0000-4000-8000-000000000000' }, 404],
        [a.id, { intoId: 'nope' }, 422],
        [a.id, {}, 422],
        [a.id, { intoId: b.id, extra: 1 }, 422],
      ];
      for (const [id, body, status, code] of cases) {
        const res = await t.post(`/v1/items/${id}/merge`, body);
        expect([status, code ?? res.body.code]).toEqual([res.status, res.body.code]);
      }
      expect((await t.get(`/v1/items/${a.id}`)).body.version).toBe(a.version);
    });

    it('should refuse a viewer (403)', async () => {
      const a = await createItem(t, pledgeBody(sourceId));
      const b = await createItem(t, pledgeBody(sourceId));
      expect((await t.post(`/v1/items/${a.id}/merge`, { intoId: b.id }, { key: t.keys.viewer })).status).toBe(
        403,
      );
    });
  });
});
