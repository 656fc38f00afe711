import { TestApp } from '../../helpers/app';
import { runFuzz } from '../../fuzz/runner';
import { seedFuzzData } from '../../fuzz/seed';

/**
 * Every operation in /openapi.json gets valid, nearly valid and hostile requests (see test/fuzz/).
 * Seeded (FUZZ_SEED) and bounded; `npm run fuzz` is the long run.
 */
describe('fuzzing every endpoint of the OpenAPI document', () => {
  let t: TestApp;
  let feeds: string[];
  beforeAll(async () => {
    t = await TestApp.start();
    ({ feeds } = await seedFuzzData(t));
  });
  afterAll(async () => t.close());

  it('should never answer 5xx, always answer problem+json on 4xx, and change nothing when it rejects', async () => {
    const stats = await runFuzz(t, {
      seed: Number(process.env.FUZZ_SEED ?? 20240613),
      numRuns: 1500,
      timeLimitMs: 60_000,
      feeds,
    });
    if (process.env.FUZZ_VERBOSE)
      console.log(
        JSON.stringify(
          { requests: stats.requests, byStatus: stats.byStatus, byRoute: stats.byRoute },
          null,
          1,
        ),
      );
    expect(stats.failures.slice(0, 5)).toEqual([]);
    expect(stats.requests).toBeGreaterThan(200);
    // The generator must get past validation sometimes, or it only ever tests the pipe.
    const successes = Object.entries(stats.byStatus)
      .filter(([s]) => Number(s) < 300)
      .reduce((n, [, c]) => n + c, 0);
    expect(successes).toBeGreaterThan(10);
  }, 120_000);
});
