import { performance } from 'node:perf_hooks';
import { TestApp } from '../../helpers/app';
import { pledgeBody } from '../../helpers/factories';

/** Bodies built to make validation do unbounded work or produce an unbounded answer. */
describe('validation of hostile bodies', () => {
  let t: TestApp;
  let baseUrl: string;
  const sourceId = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await TestApp.start();
    baseUrl = await t.listen();
  });
  afterAll(async () => t.close());

  const postRaw = async (body: string) => {
    const res = await fetch(`${baseUrl}/v1/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.keys.editor}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  /**
   * Bounded work, whatever the machine's load: the service answers a hostile body within
   * MAX_RATIO × the time it takes to refuse plain JSON of the same length (one long string), each
   * the fastest of three requests, back to back. Refusing by counting elements or keys costs about
   * the parse; validating 690,000 citations costs seconds, tens of times more.
   */
  const MAX_RATIO = 3;
  const fastest = async (body: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await postRaw(body);
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };
  const plainOfLength = (length: number) => {
    const empty = JSON.stringify(pledgeBody(sourceId, { statement: '' }));
    return JSON.stringify(pledgeBody(sourceId, { statement: 'x'.repeat(length - empty.length) }));
  };
  const expectBoundedWork = async (body: string) =>
    expect((await fastest(body)) / (await fastest(plainOfLength(body.length)))).toBeLessThanOrEqual(
      MAX_RATIO,
    );

  it('answers a 2 MB body of 690,000 empty citations with one bounded 422, without stalling others', async () => {
    const body = JSON.stringify(
      pledgeBody(sourceId, { citations: Array.from({ length: 690_000 }, () => ({})) }),
    );
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const result = await postRaw(body);
    expect(result.status).toBe(422);
    expect(JSON.parse(result.text).errors).toEqual([
      { path: 'body', message: 'has an array of more than 50000 elements' },
    ]);
    expect(result.text.length).toBeLessThan(2_000);
    await expectBoundedWork(body);
  });

  it('answers 150,000 unknown top-level keys with one bounded 422, without stalling others', async () => {
    const body = pledgeBody(sourceId) as Record<string, unknown>;
    for (let i = 0; i < 150_000; i++) body[`k${i}`] = 1;
    const text = JSON.stringify(body);
    const result = await postRaw(text);
    expect(result.status).toBe(422);
    expect(JSON.parse(result.text).errors).toEqual([
      { path: 'body', message: 'has an object with more than 1000 fields' },
    ]);
    await expectBoundedWork(text);
  });

  it('answers 400,000 small values in short arrays with 413 before parsing them', async () => {
    const text = JSON.stringify(
      pledgeBody(sourceId, { x: Array.from({ length: 40 }, () => Array(10_000).fill(0)) }),
    );
    const result = await postRaw(text);
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text).code).toBe('REQUEST.BODY_TOO_LARGE');
    await expectBoundedWork(text);
  });

  it('refuses an object of 5,000 keys or an array of 60,000 numbers with 422 before validation', async () => {
    const keys = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
    const many = await t.post('/v1/actors', keys);
    expect(many.status).toBe(422);
    expect(many.body.errors).toEqual([{ path: 'body', message: 'has an object with more than 1000 fields' }]);
    const long = await t.post('/v1/items', pledgeBody(sourceId, { tags: Array(60_000).fill(1) }));
    expect(long.status).toBe(422);
    expect(long.body.errors).toEqual([{ path: 'body', message: 'has an array of more than 50000 elements' }]);
  });

  it('lists the first 100 of 900 unknown keys and counts the rest', async () => {
    const body = pledgeBody(sourceId) as Record<string, unknown>;
    for (let i = 0; i < 900; i++) body[`k${i}`] = 1;
    const res = await t.post('/v1/items', body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(100);
    expect(res.body.errors[0]).toEqual({ path: 'k0', message: 'property k0 should not exist' });
    expect(res.body.omittedErrors).toBe(800);
    expect(res.body.detail).toMatch(/; and 800 more$/);
  });

  it('refuses citations over their limit without validating a single one of them', async () => {
    const citations = Array.from({ length: 51 }, () => ({ bad: true }));
    const res = await t.post('/v1/items', pledgeBody(sourceId, { citations }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'citations', message: 'citations must contain no more than 50 elements' },
    ]);
  });

  it('caps the error list of many failing elements within the array limit', async () => {
    const citations = Array.from({ length: 50 }, () => ({
      sourceId: 'x',
      role: 'y',
      quote: 1,
      a: 1,
      b: 2,
      c: 3,
    }));
    const res = await t.post(
      '/v1/items',
      { ...pledgeBody(sourceId, { citations }), title: 1 },
      { key: t.keys.editor },
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(100);
    expect(res.body.omittedErrors).toBe(50);
  });

  it.each(['prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'refuses an unknown field named %s with 422 naming it, at any level',
    async (name) => {
      const top = await t.post('/v1/actors', { name: 'NATO', kind: 'organization', [name]: 'x' });
      expect(top.status).toBe(422);
      expect(top.body.errors).toEqual([{ path: name, message: `property ${name} should not exist` }]);
      const nested = await t.post(
        '/v1/items',
        pledgeBody(sourceId, { amount: { value: '1', currency: 'EUR', [name]: 1 } }),
      );
      expect(nested.status).toBe(422);
      expect(nested.body.errors).toEqual([
        { path: `amount.${name}`, message: `property ${name} should not exist` },
      ]);
      expect(await t.count('actors')).toBe(0);
    },
  );
});
