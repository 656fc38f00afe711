import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../helpers/factories';

const JULY_TEXT = readFileSync(join(__dirname, '../fixtures/nato-summit-2024-07.en.txt'), 'utf8');
const JULY_QUOTE =
  'NATO leaders agreed to provide Ukraine with at least €40 billion of military aid each year';
const WARNING = 'Some delegations warned that the sum remained far below what Kyiv had asked for.';

interface Proposed {
  itemId: string;
  body: { status?: string; note: string; evidence: Array<{ sourceId: string; quote: string }> };
}
interface CandidateBody {
  quote: string;
  existingItemIds: string[];
  proposedUpdates: Proposed[];
}

/** Tracking a pledge over time (issue #24): later citations, discard and restore, ETags, proposed updates. */
describe('tracking an item over time', () => {
  let t: TestApp;
  let juneId: string;
  let julyId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    juneId = (await createSource(t)).id;
    julyId = (
      await createSource(t, {
        title: 'Washington summit: Allies settle the long-term funding of military aid to Ukraine',
        publisher: 'Pledgewatch tests',
        publishedAt: '2024-07-11T18:00:00Z',
        language: 'en',
        text: JULY_TEXT,
      })
    ).id;
  });
  afterAll(() => t.close());

  const ifMatch = (etag: unknown) => ({ headers: { 'if-match': String(etag) } });
  const fresh = async () => {
    const res = await t.post('/v1/items', pledgeBody(juneId, { title: `Pledge ${Math.random()}` }));
    expect(res.status).toBe(201);
    return { id: res.body.id as string, etag: String(res.headers.etag), version: res.body.version as number };
  };

  describe('POST /v1/items/:id/citations', () => {
    it('should cite a passage of a later source, bumping the version and the ETag', async () => {
      const item = await fresh();
      const res = await t.post(`/v1/items/${item.id}/citations`, {
        sourceId: julyId,
        role: 'support',
        language: 'en',
        quote: JULY_QUOTE,
      });
      expect(res.status).toBe(201);
      expect(res.body.version).toBe(item.version + 1);
      expect(res.headers.etag).not.toBe(item.etag);
      const added = res.body.citations.find((c: { role: string }) => c.role === 'support');
      expect(added).toMatchObject({
        sourceId: julyId,
        quote: JULY_QUOTE,
        createdBy: 'admin (ADMIN_API_KEY)',
      });
      expect(added.selectors.textPosition.start).toBe(JULY_TEXT.indexOf('NATO leaders agreed'));
      const audit = await t.get(`/v1/audit?entityType=item&entityId=${item.id}`);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toContain('citation.add');
    });

    it('should refuse a quote that is not in the source, an origin role or a stale If-Match, and change nothing', async () => {
      const item = await fresh();
      const missing = await t.post(`/v1/items/${item.id}/citations`, {
        sourceId: julyId,
        role: 'contradict',
        quote: 'NATO leaders refused any yearly figure',
      });
      expect([missing.status, missing.body.code, missing.body.errors]).toEqual([
        422,
        'ITEM.QUOTE_NOT_IN_SOURCE',
        [{ path: 'quote', message: expect.stringContaining(julyId) }],
      ]);
      const origin = await t.post(`/v1/items/${item.id}/citations`, {
        sourceId: julyId,
        role: 'origin',
        quote: JULY_QUOTE,
      });
      expect([origin.status, origin.body.errors[0].path]).toEqual([422, 'role']);
      const stale = await t.post(
        `/v1/items/${item.id}/citations`,
        { sourceId: julyId, role: 'context', quote: WARNING },
        ifMatch(`"${item.version + 7}"`),
      );
      expect(stale.status).toBe(412);
      const after = await t.get(`/v1/items/${item.id}`);
      expect([after.body.version, after.body.citations.length]).toEqual([item.version, 1]);
      const unknown = await t.post('/v1/items/00000000-0000-4000-8000-000000000000/citations', {
        sourceId: julyId,
        role: 'context',
        quote: WARNING,
      });
      expect(unknown.status).toBe(404);
    });

    it('should remove a later citation but keep the origin one', async () => {
      const item = await fresh();
      const added = await t.post(`/v1/items/${item.id}/citations`, {
        sourceId: julyId,
        role: 'contradict',
        quote: WARNING,
      });
      const contradict = added.body.citations.find((c: { role: string }) => c.role === 'contradict');
      const origin = added.body.citations.find((c: { role: string }) => c.role === 'origin');
      const kept = await t.delete(`/v1/items/${item.id}/citations/${origin.id}`);
      expect([kept.status, kept.body.code]).toEqual([409, 'ITEM.ORIGIN_CITATION_KEPT']);
      const removed = await t.delete(
        `/v1/items/${item.id}/citations/${contradict.id}`,
        ifMatch(added.headers.etag),
      );
      expect(removed.status).toBe(200);
      expect(removed.body.citations.map((c: { id: string }) => c.id)).toEqual([origin.id]);
      expect(removed.body.version).toBe(added.body.version + 1);
      expect((await t.delete(`/v1/items/${item.id}/citations/${contradict.id}`)).status).toBe(404);
    });
  });

  describe('DELETE /v1/items/:id and POST /v1/items/:id/restore', () => {
    it('should discard an item with If-Match: 410 with who and when, out of lists, stats and similar', async () => {
      const tag = `discard-${Date.now()}`;
      const res = await t.post('/v1/items', pledgeBody(juneId, { tags: [tag] }), { key: t.keys.editor });
      const id = res.body.id as string;
      const total = async () => (await t.get('/v1/stats/status?kind=commitment')).body.total as number;
      const before = await total();
      expect((await t.delete(`/v1/items/${id}`, { key: t.keys.editor })).status).toBe(428);
      expect((await t.delete(`/v1/items/${id}`, { key: t.keys.editor, ...ifMatch('"99"') })).status).toBe(
        412,
      );
      expect(
        (await t.delete(`/v1/items/${id}`, { key: t.keys.viewer, ...ifMatch(res.headers.etag) })).status,
      ).toBe(403);
      expect((await t.get(`/v1/items/export?format=csv&tag=${tag}`)).text).toContain(id);
      const gone = await t.delete(`/v1/items/${id}`, { key: t.keys.editor, ...ifMatch(res.headers.etag) });
      expect(gone.status).toBe(204);
      const get = await t.get(`/v1/items/${id}`);
      expect(get.status).toBe(410);
      expect(get.body).toMatchObject({ code: 'ITEM.DISCARDED', discardedBy: 'editor-key' });
      expect(Date.parse(get.body.discardedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await t.get(`/v1/items?tag=${tag}`)).body.data).toEqual([]);
      const csv = await t.get(`/v1/items/export?format=csv&tag=${tag}`);
      expect([csv.status, csv.text.includes(id)]).toEqual([200, false]);
      expect(await total()).toBe(before - 1);
      const similar = await t.get(`/v1/items/similar?text=${encodeURIComponent(PLEDGE_QUOTE)}&limit=50`);
      expect(similar.body.data.map((s: { id: string }) => s.id)).not.toContain(id);
      expect((await t.post(`/v1/items/${id}/updates`, { note: 'late' })).status).toBe(410);
      expect((await t.delete(`/v1/items/${id}`, ifMatch('*'))).status).toBe(410);
    });

    it('should let an admin, and only an admin, restore it, with both steps audited', async () => {
      const { id, etag } = await fresh();
      await t.delete(`/v1/items/${id}`, ifMatch(etag));
      expect((await t.post(`/v1/items/${id}/restore`, {}, { key: t.keys.editor })).status).toBe(403);
      const back = await t.post(`/v1/items/${id}/restore`, {});
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ id, status: 'proposed' });
      expect((await t.get(`/v1/items/${id}`)).status).toBe(200);
      const again = await t.post(`/v1/items/${id}/restore`, {});
      expect([again.status, again.body.code]).toEqual([409, 'ITEM.NOT_DISCARDED']);
      const audit = await t.get(`/v1/audit?entityType=item&entityId=${id}`);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['discard', 'restore']),
      );
    });
  });

  describe('the item ETag', () => {
    it('should change when an actor it names is renamed or a follow-up is added, not only with its version', async () => {
      const actor = await createActor(t, { name: `Allied donors ${Date.now()}` });
      const item = await createItem(
        t,
        pledgeBody(juneId, { actors: [{ actorId: actor.id, role: 'pledger' }] }),
      );
      const first = await t.get(`/v1/items/${item.id}`);
      const conditional = (etag: unknown) =>
        t.get(`/v1/items/${item.id}`, { headers: { 'if-none-match': String(etag) } });
      expect((await conditional(first.headers.etag)).status).toBe(304);

      expect((await t.patch(`/v1/actors/${actor.id}`, { name: `Renamed donors ${Date.now()}` })).status).toBe(
        200,
      );
      const renamed = await conditional(first.headers.etag);
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(first.body.version);
      expect(renamed.body.actors[0].name).toMatch(/^Renamed donors/);
      expect((await conditional(renamed.headers.etag)).status).toBe(304);

      const followUp = await t.post(`/v1/items/${item.id}/follow-ups`, {
        dueAt: '2031-01-01T09:00:00Z',
        note: 'check',
      });
      expect(followUp.status).toBe(201);
      const followed = await conditional(renamed.headers.etag);
      expect(followed.status).toBe(200);
      expect(followed.body.nextFollowUp).toMatchObject({ note: 'check' });

      // The tag with its stamp is a valid If-Match: the write compares the version.
      const patched = await t.patch(
        `/v1/items/${item.id}`,
        { title: 'Renamed pledge' },
        ifMatch(followed.headers.etag),
      );
      expect(patched.status).toBe(200);
      expect(patched.headers.etag).toBe((await t.get(`/v1/items/${item.id}`)).headers.etag);
    });
  });

  describe('proposedUpdates on a later source', () => {
    // A database of its own: the same-pledge lookups see no other test's items.
    let own: TestApp;
    const ids = { june: '', july: '' };
    beforeAll(async () => {
      own = await TestApp.start();
      ids.june = (await createSource(own)).id;
      ids.july = (
        await createSource(own, { publishedAt: '2024-07-11T18:00:00Z', language: 'en', text: JULY_TEXT })
      ).id;
    });
    afterAll(() => own.close());

    it('should propose agreed for the French pledge from the English July report, once', async () => {
      const candidatesOf = async (sourceId: string) => {
        const res = await own.get(`/v1/sources/${sourceId}/candidates`);
        expect(res.status).toBe(200);
        return res.body.data as CandidateBody[];
      };
      const item = await createItem(own, pledgeBody(ids.june));
      const report = (await candidatesOf(ids.july)).find((c) => c.quote.includes('NATO leaders agreed'));
      expect(report?.existingItemIds).toContain(item.id);
      expect(report?.proposedUpdates).toEqual([
        {
          itemId: item.id,
          body: {
            status: 'agreed',
            effectiveAt: '2024-07-11T18:00:00.000Z',
            note: expect.any(String),
            evidence: [{ sourceId: ids.july, quote: report?.quote }],
          },
        },
      ]);
      const applied = await own.post(`/v1/items/${item.id}/updates`, report?.proposedUpdates[0].body);
      expect(applied.status).toBe(201);
      expect((await own.get(`/v1/items/${item.id}`)).body.status).toBe('agreed');

      const recorded = (await candidatesOf(ids.july)).find((c) => c.quote === report?.quote);
      expect(recorded?.existingItemIds).toContain(item.id);
      expect(recorded?.proposedUpdates).toEqual([]);
      // The source the item was recorded from proposes nothing for it.
      expect((await candidatesOf(ids.june)).flatMap((c) => c.proposedUpdates)).toEqual([]);
    });

    it('should match a pledge written in French to its English report', async () => {
      const french = await createItem(
        own,
        pledgeBody(ids.june, {
          title: 'Les Alliés fournissent à l’Ukraine au moins 40 milliards d’euros d’aide militaire par an',
          statement:
            'Les Alliés fournissent chaque année à l’Ukraine une assistance militaire d’au moins 40 milliards d’euros.',
          language: 'fr',
        }),
      );
      const res = await own.get(`/v1/sources/${ids.july}/candidates`);
      const report = (res.body.data as CandidateBody[]).find((c) => c.quote.includes('NATO leaders agreed'));
      expect(report?.existingItemIds).toContain(french.id);
      expect(report?.proposedUpdates).toEqual([
        expect.objectContaining({ itemId: french.id, body: expect.objectContaining({ status: 'agreed' }) }),
      ]);
    });
  });
});
