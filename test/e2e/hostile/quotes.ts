import { TestApp } from '../../helpers/app';
import { probeWhile } from '../../helpers/event-loop-probe';
import { createSource, pledgeBody } from '../../helpers/factories';

/** A million characters of accented text written with combining marks: the slowest to fold. */
interface Problem {
  code: string;
  errors: unknown[];
}

const MILLION = 'Les ministres de la De\u0301fense ont discute\u0301 de l’avenir. '
  .repeat(18_000)
  .slice(0, 1_000_000);

describe('quote checks against long sources', () => {
  let t: TestApp;
  let baseUrl: string;
  let sourceId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    baseUrl = await t.listen();
    sourceId = (await createSource(t, { text: `${MILLION} au moins 40 milliards d’euros` })).id;
  }, 60_000);
  afterAll(async () => t.close());

  const post = (citations: unknown[]) =>
    fetch(`${baseUrl}/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.editor}`, 'content-type': 'application/json' },
      body: JSON.stringify(pledgeBody(sourceId, { citations })),
    });

  it('keeps /health/live answering while 50 long quotes are checked against a 1,000,000-character source', async () => {
    const missing = (i: number) =>
      `${i} ${'une assistance militaire équivalant '.repeat(140)}`.slice(0, 5000);
    const citations = Array.from({ length: 50 }, (_, i) => ({
      sourceId,
      role: i === 0 ? 'origin' : 'support',
      quote: missing(i),
    }));
    const { result, answered } = await probeWhile(baseUrl, async () => {
      const res = await post(citations);
      return { status: res.status, body: (await res.json()) as Problem };
    });
    expect(result.status).toBe(422);
    expect(result.body.code).toBe('ITEM.QUOTE_NOT_IN_SOURCE');
    expect(result.body.errors).toHaveLength(50);
    // Probes went on being answered while the quotes were checked (a check on the event loop
    // would answer none until it was done).
    expect(answered).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('finds every quote of a 50-citation item in one long source, with selectors into the original', async () => {
    const citations = Array.from({ length: 50 }, (_, i) => ({
      sourceId,
      role: i === 0 ? 'origin' : 'support',
      quote: i % 2 ? 'AU MOINS 40 milliards d’euros' : 'ministres de la Défense',
    }));
    const res = await post(citations);
    const body = (await res.json()) as { citations: { selectors: { textQuote: { exact: string } } }[] };
    expect(res.status).toBe(201);
    expect(body.citations).toHaveLength(50);
    const exacts = new Set(body.citations.map((c) => c.selectors.textQuote.exact));
    expect(exacts).toEqual(new Set(['au moins 40 milliards d’euros', 'ministres de la De\u0301fense']));
  }, 60_000);

  it('refuses quotes that would make one request fold more than 8 MB of distinct source text', async () => {
    const big = 'x'.repeat(1_048_000);
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await createSource(t, { text: `${i} ${big}` })).id);
    const res = await post(
      ids.map((id, i) => ({ sourceId: id, role: i === 0 ? 'origin' : 'support', quote: 'x' })),
    );
    const body = (await res.json()) as Problem;
    expect(res.status).toBe(422);
    expect(body.code).toBe('QUOTE.TOO_MUCH_SOURCE_TEXT');
    expect(await t.count('items')).toBe(1);
  }, 60_000);
});
