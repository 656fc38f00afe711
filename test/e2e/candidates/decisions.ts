import { NATO_TEXT, TestApp } from '../../helpers/app';
import { createActor, createSource } from '../../helpers/factories';

interface Keyed {
  key: string;
  kind: string;
  quote: string;
  amount: { value: string } | null;
  draft: Record<string, unknown> & { candidateKey: string };
  dismissed?: { reason: string | null; at: string; by: string };
  accepted?: { itemId: string; at: string; by: string };
}

/** SPEC, Candidates, "Decisions are kept": dismissals, acceptances through candidateKey, the gold export. */
describe('candidate decisions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  const candidatesOf = async (sourceId: string, query = '') => {
    const res = await t.get(`/v1/sources/${sourceId}/candidates${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Keyed[];
  };
  const dismiss = (sourceId: string, key: string, body: unknown = {}, editor = true) =>
    t.post(`/v1/sources/${sourceId}/candidates/${key}/dismiss`, body, editor ? { key: t.keys.editor } : {});

  it('should hide a dismissed candidate, and show it marked with include=dismissed', async () => {
    const source = await createSource(t);
    const before = await candidatesOf(source.id);
    const target = before[1];
    const res = await dismiss(source.id, target.key, { reason: 'Scene-setting, no pledge' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: target.key,
      kind: target.kind,
      quote: target.quote,
      dismissed: { reason: 'Scene-setting, no pledge', by: 'editor-key' },
    });
    const after = await candidatesOf(source.id);
    expect(after.map((c) => c.key)).toEqual(before.filter((c) => c !== target).map((c) => c.key));
    const all = await candidatesOf(source.id, '?include=dismissed');
    expect(all.map((c) => c.key)).toEqual(before.map((c) => c.key));
    expect(all[1].dismissed).toMatchObject({ reason: 'Scene-setting, no pledge', by: 'editor-key' });
    expect(all.filter((c) => c.dismissed)).toHaveLength(1);
    // Again, without a reason: the decision stays, the reason is the new one.
    expect((await dismiss(source.id, target.key)).body.dismissed.reason).toBeNull();
  });

  it('should give every candidate the same key on every read, and keys that differ', async () => {
    const source = await createSource(t);
    const first = await candidatesOf(source.id);
    const second = await candidatesOf(source.id);
    expect(second.map((c) => c.key)).toEqual(first.map((c) => c.key));
    expect(new Set(first.map((c) => c.key)).size).toBe(first.length);
    for (const c of first) expect(c.draft.candidateKey).toBe(c.key);
  });

  it('should mark the candidate an item was created from accepted, and refuse to dismiss it then', async () => {
    const source = await createSource(t);
    const pledge = (await candidatesOf(source.id)).find((c) => c.amount?.value === '40000000000')!;
    const item = await t.post('/v1/items', pledge.draft);
    expect(item.status).toBe(201);
    const again = (await candidatesOf(source.id)).find((c) => c.key === pledge.key)!;
    expect(again.accepted).toMatchObject({ itemId: item.body.id, by: 'admin (ADMIN_API_KEY)' });
    const refused = await dismiss(source.id, pledge.key);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CANDIDATES.ALREADY_ACCEPTED');
  });

  it('should refuse a candidateKey the origin source does not have, and create nothing', async () => {
    const source = await createSource(t);
    const [c] = await candidatesOf(source.id);
    const items = await t.count('items');
    const res = await t.post('/v1/items', { ...c.draft, candidateKey: 'f'.repeat(32) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CANDIDATES.KEY_NOT_IN_SOURCE');
    expect(res.body.errors).toEqual([{ path: 'candidateKey', message: expect.any(String) }]);
    const malformed = await t.post('/v1/items', { ...c.draft, candidateKey: 'not-a-key' });
    expect(malformed.status).toBe(422);
    expect(await t.count('items')).toBe(items);
    expect(await decisionsOf(source.id)).toBe(0);
  });

  it('should answer 404 for an unknown source or key, 422 for a malformed key or reason, 403 for a viewer', async () => {
    const source = await createSource(t);
    const [c] = await candidatesOf(source.id);
    const unknownSource = await dismiss('00000000-0000-4000-8000-000000000000', c.key);
    expect(unknownSource.status).toBe(404);
    const unknownKey = await dismiss(source.id, '0'.repeat(32));
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.body.code).toBe('CANDIDATES.NOT_FOUND');
    const malformed = await dismiss(source.id, 'ABC');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([{ path: 'key', message: expect.any(String) }]);
    expect((await dismiss(source.id, c.key, { reason: 'x'.repeat(1001) })).status).toBe(422);
    expect((await dismiss(source.id, c.key, { verdict: 'no' })).status).toBe(422);
    const viewer = await t.post(
      `/v1/sources/${source.id}/candidates/${c.key}/dismiss`,
      {},
      { key: t.keys.viewer },
    );
    expect(viewer.status).toBe(403);
    expect((await t.get(`/v1/sources/${source.id}/candidates?include=everything`)).status).toBe(422);
    expect(await decisionsOf(source.id)).toBe(0);
  });

  it('should export accepted candidates as gold labels and dismissed ones with their reasons', async () => {
    const allies = await createActor(t, { name: 'Alliés de l’OTAN', kind: 'group', aliases: ['Alliés'] });
    const source = await createSource(t);
    const candidates = await candidatesOf(source.id);
    const pledge = candidates.find((c) => c.amount?.value === '40000000000')!;
    const tomorrow = candidates.find((c) => c.quote.includes('demain'))!;
    const other = candidates.find((c) => c !== pledge && c !== tomorrow)!;
    expect((await t.post('/v1/items', pledge.draft)).status).toBe(201);
    expect((await t.post('/v1/items', tomorrow.draft)).status).toBe(201);
    expect((await dismiss(source.id, other.key, { reason: 'Restates the pledge' })).status).toBe(200);
    const res = await t.get('/v1/candidates/decisions?format=gold', { key: t.keys.viewer });
    expect(res.status).toBe(200);
    const article = (res.body.articles as Array<Record<string, unknown>>).find(
      (a) => a.sourceId === source.id,
    );
    expect(article).toEqual({
      sourceId: source.id,
      language: 'fr',
      publishedAt: '2024-06-13T18:00:00.000Z',
      text: expect.stringContaining('40 milliards'),
      labels: [
        {
          kind: 'commitment',
          actor: allies.name,
          quote: pledge.quote,
          amount: { value: '40000000000', currency: 'EUR' },
          statusHint: 'proposed',
          dueHint: null,
        },
        // "demain", on 13 June: a deadline to the day.
        expect.objectContaining({ kind: 'commitment', quote: tomorrow.quote, dueHint: '2024-06-14' }),
      ],
      dismissed: [{ key: other.key, kind: other.kind, quote: other.quote, reason: 'Restates the pledge' }],
    });
    expect((await t.get('/v1/candidates/decisions')).status).toBe(422);
    expect((await t.get('/v1/candidates/decisions?format=csv')).status).toBe(422);
  });

  it('should page the gold export by source, each source once, with a cursor', async () => {
    const sources = [];
    for (let i = 0; i < 3; i++) {
      const source = await createSource(t, { text: `${NATO_TEXT}\n\nPaging check ${i}.` });
      const [first] = await candidatesOf(source.id);
      expect((await dismiss(source.id, first.key, { reason: `page ${i}` })).status).toBe(200);
      sources.push(source.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.get(
        `/v1/candidates/decisions?format=gold&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { key: t.keys.viewer },
      );
      expect(res.status).toBe(200);
      const articles = res.body.articles as Array<{ sourceId: string; dismissed: unknown[] }>;
      expect(articles.length).toBeLessThanOrEqual(2);
      seen.push(...articles.map((a) => a.sourceId));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 100);
    expect(cursor).toBeNull();
    // In id order, each source once, every source with a decision on some page.
    expect(seen).toEqual([...new Set(seen)].sort());
    expect(seen).toEqual(expect.arrayContaining(sources));
    expect(pages).toBe(Math.ceil(seen.length / 2));
    const [{ n }] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(DISTINCT source_id)::int AS n FROM candidate_decisions`,
    );
    expect(seen).toHaveLength(n);
    for (const bad of ['cursor=nope', `cursor=${Buffer.from('["x"]').toString('base64url')}`, 'limit=0'])
      expect((await t.get(`/v1/candidates/decisions?format=gold&${bad}`)).status).toBe(422);
  });

  const decisionsOf = async (sourceId: string): Promise<number> => {
    const [row] = await t.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM candidate_decisions WHERE source_id = $1`,
      [sourceId],
    );
    return row.n;
  };
});
