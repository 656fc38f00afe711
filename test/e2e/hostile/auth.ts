import { TestApp } from '../../helpers/app';
import { probeWhile } from '../../helpers/event-loop-probe';
import { rawExchange } from '../../helpers/raw-http';

describe('authentication before the body', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await TestApp.start();
    baseUrl = await t.listen();
  });
  afterAll(async () => t.close());

  it('answers 401 with a Bearer challenge before the body of a keyless request arrives', async () => {
    const port = Number(new URL(baseUrl).port);
    // Announces 2 MB and sends none of it: only an answer given before reading the body can come back.
    const answer = await rawExchange(
      port,
      'POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1.1 401/);
    expect(answer).toMatch(/www-authenticate: Bearer realm="pledgewatch"\r\n/i);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
  });

  it('answers a deep body without a key with 401, not 422', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await t.request('POST', '/v1/items', {
      key: null,
      raw: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });

  it('says invalid_token and that the key was not recognised when a wrong key is sent', async () => {
    const res = await t.get('/v1/items', { key: 'pw_not-a-real-key' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="pledgewatch", error="invalid_token", error_description="The API key was not recognised"',
    );
    expect(res.body.detail).toMatch(/not recognised/);
  });

  it('accepts the scheme name in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer'])
      expect(
        (await t.get('/v1/items', { key: null, headers: { authorization: `${scheme} ${t.keys.viewer}` } }))
          .status,
      ).toBe(200);
  });

  it('keeps /health/live answering while four anonymous senders post 2 MB bodies', async () => {
    const port = Number(new URL(baseUrl).port);
    const body = JSON.stringify({ text: 'x'.repeat(2_000_000 - 20) });
    const head = `POST /v1/sources HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { result } = await probeWhile(baseUrl, async (probe) => {
      const answers: string[] = [];
      const answeredPerRound: number[] = [];
      for (let round = 0; round < 5; round++) {
        const before = probe.answered();
        answers.push(...(await Promise.all([1, 2, 3, 4].map(() => rawExchange(port, head, body, 200)))));
        answeredPerRound.push(probe.answered() - before);
      }
      return { answers, answeredPerRound };
    });
    for (const answer of result.answers) expect(answer).toMatch(/^HTTP\/1.1 401/);
    // Every round of uploads still in flight saw probes answered (order, not milliseconds).
    expect(Math.min(...result.answeredPerRound)).toBeGreaterThan(0);
  });

  it('refuses anonymous bodies over 16 KB before reading them, even where no /v1 route is', async () => {
    // Straight through inject: no operation takes a body here, so the OpenAPI document (which
    // TestApp checks every answer against) has nothing to say about this answer.
    const res = await t.app.inject({
      method: 'POST',
      url: '/health/live',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(20_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('failed authentication throttled per client address', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await TestApp.start({ AUTH_FAILURES_PER_MINUTE: '5', AUTH_FAILURES_PER_ADDRESS_PER_MINUTE: '5' })),
  );
  afterAll(async () => t.close());

  it('answers 429 with Retry-After once an address has failed five times, whatever keys it guesses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.get('/v1/items', { key: `pw_guess${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await t.get('/v1/items', { key: 'pw_guess-six' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('REQUEST.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Open routes stay open to the address.
    expect((await t.get('/health/live', { key: null })).status).toBe(200);
  });
});
