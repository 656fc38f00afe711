import { ADMIN_KEY, TestApp } from '../helpers/app';
import { rawExchange } from '../helpers/raw-http';
import { DRAIN_LIMIT } from '../../src/security/drain-refused';

/**
 * A body the service refuses is still read (and thrown away) up to a bound before the
 * connection closes, so a client that sends the whole body first — Node's own fetch does —
 * reads the problem document instead of failing with EPIPE or a reset.
 */
describe('refused bodies every client can read', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await TestApp.start();
    base = await t.listen();
  });
  afterAll(async () => t.close());

  /**
   * The body as a slow network delivers it: 64 KB chunks a few milliseconds apart, so the
   * answer is on its way while the client is still sending (on loopback a plain body would be
   * in the socket buffers before the service answers).
   */
  const send = (path: string, bytes: number, key: string | null) => {
    const body = Buffer.from(
      JSON.stringify({
        url: 'https://example.org/huge',
        title: 't',
        language: 'fr',
        text: 'x'.repeat(bytes),
      }),
    );
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (offset >= body.length) return controller.close();
        controller.enqueue(body.subarray(offset, (offset += 64 * 1024)));
      },
    });
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
  };

  it('should let Node fetch read the 413 for a 3 MB body', async () => {
    const res = await send('/v1/sources', 3_000_000, ADMIN_KEY);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('should let Node fetch read the 401 for a 3 MB body sent without a key', async () => {
    const res = await send('/v1/sources', 3_000_000, null);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('should still answer the next request on the service after refusing several large bodies', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => send('/v1/sources', 3_000_000, ADMIN_KEY)));
    expect(answers.map((r) => r.status)).toEqual([413, 413, 413]);
    const health = await fetch(`${base}/health/live`);
    expect(health.status).toBe(200);
  });

  it('should still close the connection at once when the declared body is over the drain bound', async () => {
    const port = new URL(base).port;
    const head =
      `POST /v1/sources HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_KEY}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${DRAIN_LIMIT + 1}\r\n\r\n`;
    const answer = await rawExchange(Number(port), head, '{"text":"');
    expect(answer).toMatch(/^HTTP\/1.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});
