import { TestApp } from '../helpers/app';

describe('security headers, CORS and error hygiene', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should send helmet headers and no x-powered-by', async () => {
    const res = await t.get('/v1/items');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });

  it('should allow no cross-origin access by default', async () => {
    const preflight = await t.request('OPTIONS', '/v1/items', {
      key: null,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const res = await t.get('/v1/items', { headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('should allow exactly the origins in CORS_ORIGINS', async () => {
    const cors = await TestApp.start({ CORS_ORIGINS: 'https://dashboard.example, https://newsroom.example' });
    try {
      const preflight = await cors.request('OPTIONS', '/v1/items', {
        key: null,
        headers: {
          origin: 'https://dashboard.example',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,if-match',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://dashboard.example');
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('if-match');
      const other = await cors.get('/v1/items', { headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });

  it('should carry the request id in the header and in every problem document, keeping a sane one the client sent', async () => {
    const res = await t.get('/v1/items/not-a-uuid', { headers: { 'x-request-id': 'client-trace-42' } });
    expect(res.status).toBe(422);
    expect(res.headers['x-request-id']).toBe('client-trace-42');
    expect(res.body.requestId).toBe('client-trace-42');
    const hostile = await t.get('/v1/items/not-a-uuid', { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(hostile.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer bad URLs and over-long path parameters with problem details', async () => {
    const bad = await t.get('/v1/items/%C0%80');
    expect([bad.status, bad.headers['content-type']]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
    ]);
    const long = await t.get(`/v1/items/${'a'.repeat(500)}`);
    expect([long.status, long.headers['content-type']]).toEqual([
      414,
      expect.stringContaining('application/problem+json'),
    ]);
  });

  it('should answer malformed JSON and forbidden prototype keys with 400 REQUEST.MALFORMED_JSON', async () => {
    for (const raw of ['{"name":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}']) {
      const res = await t.request('POST', '/v1/actors', {
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect([raw, res.status, res.body.code]).toEqual([raw, 400, 'REQUEST.MALFORMED_JSON']);
    }
  });

  it('should refuse form bodies like any other non-JSON body', async () => {
    const before = await t.count('api_keys');
    const res = await t.request('POST', '/v1/api-keys', {
      raw: 'name=sneaky&role=admin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(await t.count('api_keys')).toBe(before);
  });

  it('should reject bodies nested deeper than 32 levels with 422, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const res = await t.request('POST', '/v1/actors', {
      raw: `{"name":"Deep","kind":"person","description":${deep}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body', message: expect.stringContaining('32') }]);
  });

  it('should never show stack traces or SQL in a problem document', async () => {
    const res = await t.get(
      `/v1/audit?cursor=${Buffer.from(JSON.stringify(["1' OR 1=1"])).toString('base64url')}`,
    );
    expect(res.status).toBe(422);
    expect(res.text).not.toMatch(/SELECT|at \S+ \(|node_modules/);
  });
});
