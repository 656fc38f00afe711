import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../helpers/factories';

describe('GET /v1/audit', () => {
  let t: TestApp;
  let sourceId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    await createActor(t, { name: 'Jens Stoltenberg', kind: 'person' });
    itemId = (await createItem(t, pledgeBody(sourceId))).id;
    const patched = await t.patch(
      `/v1/items/${itemId}`,
      { title: 'Allies give Ukraine €40bn a year' },
      { headers: { 'if-match': '"1"' }, key: t.keys.editor },
    );
    if (patched.status !== 200) throw new Error(`patch: ${patched.status} ${patched.text}`);
  });
  afterAll(async () => t.close());

  it('should record who created and who changed an item, newest first', async () => {
    const res = await t.get(`/v1/audit?entityType=item&entityId=${itemId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['update', 'editor-key'],
      ['create', 'admin (ADMIN_API_KEY)'],
    ]);
    expect(res.body.data[0]).toMatchObject({
      entityType: 'item',
      entityId: itemId,
      change: { title: 'Allies give Ukraine €40bn a year' },
    });
    expect(Date.parse(res.body.data[0].at)).not.toBeNaN();
  });

  it('should record key creation and revocation', async () => {
    const created = await t.post('/v1/api-keys', { name: 'temporary', role: 'viewer' });
    await t.delete(`/v1/api-keys/${created.body.id}`);
    const res = await t.get(`/v1/audit?entityId=${created.body.id}`);
    expect(res.body.data.map((e: { action: string }) => e.action)).toEqual(['revoke', 'create']);
    expect(JSON.stringify(res.body)).not.toContain(created.body.key);
  });

  it('should filter by actor', async () => {
    const res = await t.get(`/v1/audit?actor=${encodeURIComponent('editor-key')}`);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((e: { actor: string }) => e.actor === 'editor-key')).toBe(true);
  });

  it('should filter by time range', async () => {
    const all = await t.get('/v1/audit?limit=200');
    const oldest = all.body.data[all.body.data.length - 1].at;
    const before = await t.get(`/v1/audit?to=${encodeURIComponent(oldest)}`);
    expect(before.body.data).toEqual([]);
    const future = await t.get('/v1/audit?from=2199-01-01T00:00:00Z');
    expect(future.body.data).toEqual([]);
    const since = await t.get(`/v1/audit?from=${encodeURIComponent(oldest)}&limit=200`);
    expect(since.body.data.length).toBe(all.body.data.length);
  });

  it('should page through every entry exactly once', async () => {
    const all = await t.get('/v1/audit?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.get(
        `/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((e: { id: string }) => e.id));
    expect(seen.length).toBeGreaterThan(3);
  });

  it('should reject bad filters and cursors with 422', async () => {
    for (const query of [
      'entityId=nope',
      'from=yesterday',
      'cursor=abc',
      'entityType=Robert%27);DROP',
      'from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z',
    ]) {
      const res = await t.get(`/v1/audit?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([
        query,
        422,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('should be for admins only', async () => {
    expect((await t.get('/v1/audit', { key: t.keys.editor })).status).toBe(403);
    expect((await t.get('/v1/audit', { key: t.keys.viewer })).status).toBe(403);
    expect((await t.get('/v1/audit', { key: null })).status).toBe(401);
  });

  it('should write nothing to the trail when a write is rejected', async () => {
    const before = await t.count('audit_log');
    const res = await t.post('/v1/items', pledgeBody(sourceId, { status: 'confirmed' }));
    expect(res.status).toBe(422);
    expect(await t.count('audit_log')).toBe(before);
  });
});
