import { TestApp } from '../helpers/app';
import { createSource, pledgeBody } from '../helpers/factories';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('logs the €40bn pledge with its French quote', async () => {
    const source = await createSource(t);
    const res = await t.post('/v1/items', pledgeBody(source.id));
    expect(res.status).toBe(201);
    expect(res.body.citations[0].selectors.textQuote.exact).toContain('l’Ukraine');
    const got = await t.get(`/v1/items/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
  });

  it('answers malformed JSON with 400 problem details', async () => {
    const res = await t.request('POST', '/v1/sources', {
      raw: '{"url":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers non-JSON with 415, an unknown route with 404, bad keys with 401', async () => {
    expect(
      (await t.request('POST', '/v1/sources', { raw: 'hello', headers: { 'content-type': 'text/plain' } }))
        .status,
    ).toBe(415);
    const nf = await t.get('/v1/nothing');
    expect([nf.status, nf.headers['content-type']]).toEqual([404, expect.stringContaining('problem+json')]);
    expect((await t.get('/v1/items', { key: 'nope' })).status).toBe(401);
  });
});
