import { TestApp } from '../helpers/app';

describe('HTTP semantics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('answers 405 with Allow for a known path asked with a method it does not answer', async () => {
    const res = await t.request('PUT', '/v1/items', { payload: {} });
    expect(res.status).toBe(405);
    expect(String(res.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 405,
      code: 'REQUEST.METHOD_NOT_ALLOWED',
      instance: '/v1/items',
    });
  });

  it('answers 405 on a path with an id too, and still 404 for an unknown path', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await t.request('PUT', `/v1/items/${id}`, { payload: {} });
    expect(res.status).toBe(405);
    expect(String(res.headers.allow).split(', ')).toEqual(expect.arrayContaining(['PATCH', 'DELETE']));
    expect((await t.get('/v1/nothing-here')).status).toBe(404);
  });

  it('answers a trailing slash as the route without it', async () => {
    const withSlash = await t.get('/v1/items/?limit=1');
    expect(withSlash.status).toBe(200);
    expect(withSlash.body).toEqual({ data: [], nextCursor: null });
    expect((await t.get('/health/live/', { key: null })).status).toBe(200);
  });

  it('puts the request path in every problem document as instance', async () => {
    const res = await t.get('/v1/sources/00000000-0000-4000-8000-000000000000?x=1');
    expect(res.status).toBe(404);
    expect(res.body.instance).toBe('/v1/sources/00000000-0000-4000-8000-000000000000');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });
});
