import { connect } from 'node:net';
import { NATO_TEXT, TestApp } from '../../helpers/app';
import { createSource } from '../../helpers/factories';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A long article no other request has read: NATO's, repeated to ~900 kB, with a mark of its own. */
const longText = (mark: string) => `${mark}\n\n${NATO_TEXT.repeat(380)}`;

/** Bounded time (SPEC, Candidates): a timeout, a per-key limit, cancellation on hang-up, and a cache. */
describe('candidate extraction, bounded', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ CANDIDATES_PER_KEY: '1', WORKER_THREADS: '1' });
  });
  afterAll(() => t.close());

  /** A metric's value (the sum of its series matching `labels`) from /metrics. */
  const metric = async (name: string, labels = ''): Promise<number> => {
    const res = await t.get('/metrics');
    const lines = res.text.split('\n').filter((l) => l.startsWith(`${name}${labels}`));
    return lines.reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  };
  const extractions = (outcome: string) =>
    metric('pledgewatch_candidate_extractions_total', `{outcome="${outcome}"}`);
  /** Polls until `check` holds (at most `tries` × 100 ms), then answers whether it did. */
  const eventually = async (check: () => Promise<boolean>, tries = 300) => {
    for (let i = 0; i < tries; i++) {
      if (await check()) return true;
      await sleep(100);
    }
    return false;
  };

  it('should read a text once: the second view of a source is answered from the cache', async () => {
    const source = await createSource(t, { text: `${NATO_TEXT}\n\nCache check.` });
    const [extracted, cached] = [await extractions('extracted'), await extractions('cached')];
    const first = await t.get(`/v1/sources/${source.id}/candidates`);
    expect(first.status).toBe(200);
    expect(await extractions('extracted')).toBe(extracted + 1);
    const second = await t.get(`/v1/sources/${source.id}/candidates`, { key: t.keys.viewer });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await extractions('extracted')).toBe(extracted + 1);
    expect(await extractions('cached')).toBe(cached + 1);
  });

  it('should answer 429 with Retry-After past CANDIDATES_PER_KEY extractions of one key at once', async () => {
    const long = await createSource(t, { text: longText('Limit check.') });
    const small = await createSource(t, { text: `${NATO_TEXT}\n\nAnother small one.` });
    const running = t.get(`/v1/sources/${long.id}/candidates`, { key: t.keys.editor });
    expect(
      await eventually(async () => (await metric('pledgewatch_candidate_extractions_running')) === 1),
    ).toBe(true);
    const refused = await t.get(`/v1/sources/${small.id}/candidates`, { key: t.keys.editor });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('CANDIDATES.TOO_MANY_AT_ONCE');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await running).status).toBe(200);
    expect((await t.get(`/v1/sources/${small.id}/candidates`, { key: t.keys.editor })).status).toBe(200);
  }, 120_000);

  it('should abort the extraction of a client that hangs up, and free its slot and thread', async () => {
    const long = await createSource(t, { text: longText('Hang-up check.') });
    const port = Number(new URL(await t.listen()).port);
    const cancelled = await extractions('cancelled');
    const socket = connect(port, '127.0.0.1');
    socket.write(
      `GET /v1/sources/${long.id}/candidates HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.keys.editor}\r\n\r\n`,
    );
    expect(
      await eventually(async () => (await metric('pledgewatch_candidate_extractions_running')) === 1),
    ).toBe(true);
    socket.destroy();
    expect(await eventually(async () => (await extractions('cancelled')) === cancelled + 1)).toBe(true);
    expect(await metric('pledgewatch_candidate_extractions_running')).toBe(0);
    // The key's one slot is free again, and the pool's thread answers the next extraction.
    const next = await createSource(t, { text: `${NATO_TEXT}\n\nAfter the hang-up.` });
    expect((await t.get(`/v1/sources/${next.id}/candidates`, { key: t.keys.editor })).status).toBe(200);
  }, 120_000);
});

describe('candidate extraction past CANDIDATES_TIMEOUT_MS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ CANDIDATES_TIMEOUT_MS: '1' });
  });
  afterAll(() => t.close());

  it('should answer 503 CANDIDATES.TIMEOUT with Retry-After, and still answer other requests', async () => {
    const source = await createSource(t);
    const res = await t.get(`/v1/sources/${source.id}/candidates`);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('CANDIDATES.TIMEOUT');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.get(`/v1/sources/${source.id}`)).status).toBe(200);
  });
});
