import { gunzipSync } from 'node:zlib';
import { ItemsReadService } from '../../src/items/items-read.service';
import { PublicationsService } from '../../src/publications/publications.service';
import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../helpers/factories';

describe('public tracker pages', () => {
  let t: TestApp;
  let published: { id: string; slug: string; url: string };
  let aid: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    t = await TestApp.start();
    const source = await createSource(t);
    const nato = await createActor(t, { name: 'OTAN', kind: 'organization' });
    aid = await createItem(
      t,
      pledgeBody(source.id, { tags: ['aid-page'], actors: [{ actorId: nato.id, role: 'pledger' }] }),
    );
    other = await createItem(
      t,
      pledgeBody(source.id, {
        title: 'A secret pledge outside the filter',
        tags: ['internal'],
        amount: { value: '7', currency: 'USD' },
      }),
    );
    const update = await t.post(`/v1/items/${aid.id}/updates`, {
      status: 'agreed',
      effectiveAt: '2024-06-14T10:00:00Z',
      note: 'private research note: call the ministry',
      evidence: [{ sourceId: source.id, quote: PLEDGE_QUOTE }],
    });
    expect(update.status).toBe(201);
    const followUp = await t.post(`/v1/items/${aid.id}/follow-ups`, {
      dueAt: '2030-01-01T00:00:00Z',
      note: 'check delivery',
      assignee: 'hidden.assignee@example.org',
    });
    expect(followUp.status).toBe(201);
    const res = await t.post('/v1/publications', {
      title: 'Aide à l’Ukraine',
      description: 'What the allies pledged',
      filter: { tag: 'aid-page' },
    });
    expect(res.status).toBe(201);
    published = res.body;
  });
  afterAll(() => t.close());

  it('should publish at a slug made from the title, for admins only', async () => {
    expect(published).toMatchObject({
      slug: 'aide-a-l-ukraine',
      url: '/p/aide-a-l-ukraine',
      filter: { tag: 'aid-page' },
    });
    expect(
      (await t.post('/v1/publications', { title: 'x', filter: {} }, { key: t.keys.editor })).status,
    ).toBe(403);
    expect((await t.post('/v1/publications', { title: 'Aide à l’Ukraine', filter: {} })).status).toBe(409);
    expect((await t.post('/v1/publications', { title: 'y', slug: 'Not A Slug', filter: {} })).status).toBe(
      422,
    );
    expect((await t.post('/v1/publications', { title: 'y', filter: { colour: 'red' } })).status).toBe(422);
  });

  it('should serve the page without a key: status, tally, timeline with evidence, money totals', async () => {
    const res = await t.get('/p/aide-a-l-ukraine', {
      key: null,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.text).not.toContain('<script');
    expect(res.text).toContain('Allies provide Ukraine at least €40bn of military aid per year');
    expect(res.text).toContain('Agreed');
    expect(res.text).toContain('OTAN (pledger)');
    expect(res.text).toContain('EUR 40,000,000,000');
    expect(res.text).toContain('<time datetime="2024-06-14T10:00:00.000Z">2024-06-14</time>');
    expect(res.text).toContain('href="https://example.org/articles/');
  });

  it('should speak French to a French reader', async () => {
    const res = await t.get('/p/aide-a-l-ukraine', {
      key: null,
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    });
    expect(res.headers['content-language']).toBe('fr');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Adopté');
    expect(res.text).toContain('40\u202f000\u202f000\u202f000\u00a0EUR');
  });

  it('should give the same data as JSON, and nothing private anywhere', async () => {
    const json = await t.get('/p/aide-a-l-ukraine.json', { key: null });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      slug: 'aide-a-l-ukraine',
      tally: { agreed: 1 },
      totals: [{ currency: 'EUR', pledged: '40000000000' }],
      truncated: false,
    });
    expect(json.body.items.map((i: { id: string }) => i.id)).toEqual([aid.id]);
    expect(json.body.items[0].timeline[0]).toMatchObject({
      status: 'agreed',
      evidence: [{ quote: PLEDGE_QUOTE }],
    });
    const embed = await t.get('/p/aide-a-l-ukraine/embed', { key: null });
    for (const body of [json.text, embed.text, (await t.get('/p/aide-a-l-ukraine', { key: null })).text]) {
      for (const secret of [
        other.id,
        'secret pledge',
        'hidden.assignee',
        'private research note',
        'check delivery',
        'test-admin-key',
        'admin',
      ])
        expect(body).not.toContain(secret);
    }
  });

  it('should let any site frame the embed, and only the embed', async () => {
    const embed = await t.get('/p/aide-a-l-ukraine/embed', { key: null });
    expect(embed.status).toBe(200);
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const page = await t.get('/p/aide-a-l-ukraine', { key: null });
    expect(page.headers['x-frame-options']).toBeDefined();
  });

  it('should answer 304 while nothing changed, and 200 after a write', async () => {
    const first = await t.get('/p/aide-a-l-ukraine.json', { key: null });
    const etag = String(first.headers.etag);
    expect(
      (await t.get('/p/aide-a-l-ukraine.json', { key: null, headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    await t.post(`/v1/items/${aid.id}/updates`, { status: 'in_progress', note: 'deliveries began' });
    const after = await t.get('/p/aide-a-l-ukraine.json', { key: null, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.body.tally).toEqual({ in_progress: 1 });
  });

  it('should render a page once while nothing changes, and serve the same body and headers again', async () => {
    const reads = jest.spyOn(t.app.get(ItemsReadService), 'publicList');
    try {
      const first = await t.get('/p/aide-a-l-ukraine', { key: null });
      const again = await t.get('/p/aide-a-l-ukraine', { key: null });
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      for (const header of [
        'etag',
        'content-security-policy',
        'content-language',
        'content-type',
        'x-frame-options',
      ])
        expect([header, again.headers[header]]).toEqual([header, first.headers[header]]);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(1);
      const embeds = [
        await t.get('/p/aide-a-l-ukraine/embed', { key: null }),
        await t.get('/p/aide-a-l-ukraine/embed', { key: null }),
      ];
      for (const embed of embeds) expect(embed.headers['x-frame-options']).toBeUndefined();
      expect(embeds[1].text).toBe(embeds[0].text);
      const french = await t.get('/p/aide-a-l-ukraine', { key: null, headers: { 'accept-language': 'fr' } });
      expect(french.text).not.toBe(first.text);
    } finally {
      reads.mockRestore();
    }
  });

  it('should send the kept page gzip-compressed to a reader who takes gzip, and plain to one who does not', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/p/aide-a-l-ukraine' });
    const zipped = await t.app.inject({
      method: 'GET',
      url: '/p/aide-a-l-ukraine',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    const refused = await t.app.inject({
      method: 'GET',
      url: '/p/aide-a-l-ukraine',
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('Accept-Encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.payload);
    expect(refused.payload).toBe(plain.payload);
  });

  it('should answer a kept page from memory with its kept headers, and 304 to a reader holding its ETag', async () => {
    const fr = { 'accept-language': 'fr', 'accept-encoding': 'gzip' };
    const first = await t.get('/p/aide-a-l-ukraine', { key: null, headers: fr });
    const reads = jest.spyOn(t.app.get(PublicationsService), 'find');
    try {
      const again = await t.get('/p/aide-a-l-ukraine', { key: null, headers: fr });
      const etag = String(first.headers.etag);
      const held = await t.get('/p/aide-a-l-ukraine', {
        key: null,
        headers: { ...fr, 'if-none-match': etag },
      });
      expect([again.status, held.status]).toEqual([200, 304]);
      for (const header of ['etag', 'cache-control', 'vary', 'content-security-policy', 'content-encoding'])
        expect([header, again.headers[header]]).toEqual([header, first.headers[header]]);
      for (const header of ['etag', 'cache-control', 'vary'])
        expect([header, held.headers[header]]).toEqual([header, first.headers[header]]);
      expect(held.text).toBe('');
      // The row and the change counter were in memory: neither was read, nothing was awaited.
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('should be gone at once when unpublished, even for a client holding its ETag', async () => {
    const page = await t.get('/p/aide-a-l-ukraine', { key: null });
    expect((await t.delete(`/v1/publications/${published.id}`)).status).toBe(204);
    for (const url of ['/p/aide-a-l-ukraine', '/p/aide-a-l-ukraine.json', '/p/aide-a-l-ukraine/embed']) {
      expect(
        (await t.get(url, { key: null, headers: { 'if-none-match': String(page.headers.etag) } })).status,
      ).toBe(404);
      expect((await t.get(url, { key: null })).status).toBe(404); // its rendered body is not served either
    }
    expect((await t.get(`/v1/publications/${published.id}`)).status).toBe(404);
    expect((await t.delete(`/v1/publications/${published.id}`)).status).toBe(404);
  });
});
