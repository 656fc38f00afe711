import { TestApp } from '../../helpers/app';
import { createSource } from '../../helpers/factories';

/** Inputs the fuzzer once turned into 5xx; each stays a test. */
describe('inputs found by fuzzing', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should take an explicit null source text as no text (was a 500: the hash of null)', async () => {
    const res = await t.post('/v1/sources', {
      url: 'https://example.org/null-text',
      title: 'No text',
      language: 'fr',
      text: null,
    });
    expect(res.status).toBe(201);
    expect(res.body.contentHash).toBeNull();
  });

  it('should never answer 5xx to null in any field of a source PATCH', async () => {
    const source = await createSource(t, { text: undefined });
    for (const field of ['url', 'title', 'publisher', 'author', 'publishedAt', 'language', 'kind', 'text']) {
      const res = await t.patch(`/v1/sources/${source.id}`, { [field]: null });
      expect([field, res.status < 500]).toEqual([field, true]);
    }
  });

  it('should reject a 10,000-deep body with 422 (was a stack overflow in the validation pipe)', async () => {
    const res = await t.request('POST', '/v1/sources', {
      raw: `{"title":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
  });
});
