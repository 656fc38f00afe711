import { createHash } from 'node:crypto';
import { NATO_TEXT, TestApp } from '../../helpers/app';
import { createSource } from '../../helpers/factories';

describe('sources', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should store the full text with its SHA-256 and canonicalise the URL', async () => {
    const source = await createSource(t, { url: 'HTTPS://Example.ORG/a/b?utm_source=x&id=3#top' });
    expect(source.canonicalUrl).toBe('https://example.org/a/b?id=3');
    expect(source.contentHash).toBe(createHash('sha256').update(NATO_TEXT).digest('hex'));
    expect(source.text).toBeUndefined();
  });

  it('should give the stored text exactly as sent, to a viewer, and null for a source without one', async () => {
    const source = await createSource(t);
    const res = await t.get(`/v1/sources/${source.id}/text`, { key: t.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ text: NATO_TEXT });
    const bare = await createSource(t, { url: 'https://example.org/no-text', text: undefined });
    expect((await t.get(`/v1/sources/${bare.id}/text`)).body).toEqual({ text: null });
  });

  it('should answer 409 with existingId for a second source with the same canonical URL', async () => {
    const first = await createSource(t, { url: 'https://example.org/dup?x=1' });
    const res = await t.post('/v1/sources', {
      url: 'https://EXAMPLE.org/dup?x=1&utm_medium=mail#frag',
      title: 'again',
      language: 'fr',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'SOURCE.DUPLICATE_URL', existingId: first.id });
  });

  it('should refuse to change a text once set, but allow metadata edits', async () => {
    const source = await createSource(t);
    expect((await t.patch(`/v1/sources/${source.id}`, { text: 'other text' })).status).toBe(422);
    const res = await t.patch(`/v1/sources/${source.id}`, { title: 'New title', author: 'AFP' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'New title', author: 'AFP', contentHash: source.contentHash });
  });

  it('should list by language and publisher with q, folded', async () => {
    await createSource(t, { title: 'Défense européenne', publisher: 'Le Monde', language: 'fr' });
    const res = await t.get('/v1/sources?q=defense%20europeenne&publisher=le%20monde');
    expect(res.body.data.map((s: { title: string }) => s.title)).toEqual(['Défense européenne']);
  });

  it.each([
    ['a ftp URL', { url: 'ftp://example.org/x', title: 't', language: 'fr' }],
    ['a bad language', { url: 'https://example.org/l', title: 't', language: 'french!' }],
    ['an unknown field', { url: 'https://example.org/u', title: 't', language: 'fr', extra: 1 }],
    ['a NUL byte in the title', { url: 'https://example.org/n', title: 'a\u0000b', language: 'fr' }],
    [
      'a NUL byte in the text',
      { url: 'https://example.org/n2', title: 't', language: 'fr', text: 'a\u0000b' },
    ],
    [
      'a title of 100,000 characters',
      { url: 'https://example.org/big', title: 'x'.repeat(100000), language: 'fr' },
    ],
    ['a wrong type', { url: 42, title: ['t'], language: 'fr' }],
  ])('should reject %s with 422 and store nothing', async (_, body) => {
    const before = await t.count('sources');
    const res = await t.post('/v1/sources', body);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(await t.count('sources')).toBe(before);
  });

  it('should answer 413 for a body over 2 MB and 400 for a __proto__ key', async () => {
    const big = await t.post('/v1/sources', {
      url: 'https://example.org/huge',
      title: 't',
      language: 'fr',
      text: 'x'.repeat(2_100_000),
    });
    expect(big.status).toBe(413);
    const proto = await t.request('POST', '/v1/sources', {
      raw: '{"url":"https://example.org/p","title":"t","language":"fr","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.status).toBe(400);
  });

  it('should answer 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await t.get('/v1/sources/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.get('/v1/sources/not-a-uuid')).status).toBe(422);
  });
});
