import { TestApp } from '../helpers/app';

describe('rate limiting per API key', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RATE_LIMIT_PER_MINUTE: '5' })));
  afterAll(async () => t.close());

  it('should answer 429 problem details with Retry-After once a key spends its budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.get('/v1/items', { key: t.keys.viewer })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.get('/v1/items', { key: t.keys.viewer });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'REQUEST.RATE_LIMITED',
      requestId: expect.any(String),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('should count the budget across routes, and for each key separately', async () => {
    for (let i = 0; i < 5; i++) await t.get('/v1/sources', { key: t.keys.editor });
    expect((await t.get('/v1/actors', { key: t.keys.editor })).status).toBe(429);
    expect((await t.get('/v1/actors', { key: t.keys.admin })).status).toBe(200);
  });

  it('should refuse a limited write without running it', async () => {
    const key = (await t.post('/v1/api-keys', { name: 'writer', role: 'editor' })).body.key;
    for (let i = 0; i < 5; i++) await t.get('/v1/sources', { key });
    const before = await t.count('sources');
    const res = await t.post(
      '/v1/sources',
      { url: 'https://example.org/limited', title: 'x', language: 'en' },
      { key },
    );
    expect(res.status).toBe(429);
    expect(await t.count('sources')).toBe(before);
  });

  it('should never limit health checks', async () => {
    for (let i = 0; i < 10; i++) expect((await t.get('/health/live', { key: null })).status).toBe(200);
  });
});

describe('rate limiting of answers given before the pipeline', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RATE_LIMIT_PER_MINUTE: '5' })));
  afterAll(async () => t.close());

  it('should spend the budget on 304s and remembered stats too', async () => {
    const first = await t.get('/v1/stats/status', { key: t.keys.viewer });
    const conditional = { key: t.keys.viewer, headers: { 'if-none-match': String(first.headers.etag) } };
    const statuses = [first.status];
    for (let i = 0; i < 2; i++) statuses.push((await t.get('/v1/stats/status', conditional)).status);
    for (let i = 0; i < 2; i++)
      statuses.push((await t.get('/v1/stats/status', { key: t.keys.viewer })).status);
    statuses.push((await t.get('/v1/stats/status', conditional)).status);
    expect(statuses).toEqual([200, 304, 304, 200, 200, 429]);
  });
});
