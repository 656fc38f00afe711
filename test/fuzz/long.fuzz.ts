import { TestApp } from '../helpers/app';
import { FuzzFailure, runFuzz } from './runner';
import { seedFuzzData } from './seed';

/**
 * `npm run fuzz`: the long run (FUZZ_REQUESTS, default 100,000; FUZZ_SEED). Not part of `npm test`
 * (its file name does not end in .spec.ts). Prints progress and a summary on stderr.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const TIME_LIMIT_MS = Number(process.env.FUZZ_MINUTES ?? 60) * 60_000;

/** Failures counted by operation (or feed format) and the start of the problem, to tell findings apart. */
function failureKinds(failures: FuzzFailure[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const { request, problem } of failures) {
    const where = 'feed' in request ? `feed .${request.feed.split('.').pop()}` : request.operation;
    const kind = `${where}: ${problem.replace(/\{.*/, '').slice(0, 60)}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

describe('long fuzz run', () => {
  let t: TestApp;
  let feeds: string[];
  beforeAll(async () => {
    t = await TestApp.start({ RATE_LIMIT_PER_MINUTE: '100000000' });
    ({ feeds } = await seedFuzzData(t));
  });
  afterAll(async () => t.close());

  it(
    `should survive ${REQUESTS} generated requests without a 5xx or a rejected request that changed data`,
    async () => {
      const started = Date.now();
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
      const stats = await runFuzz(t, {
        seed,
        numRuns: REQUESTS,
        timeLimitMs: TIME_LIMIT_MS,
        feeds,
        onProgress: (s) =>
          process.stderr.write(
            `fuzz: ${s.requests} requests, ${s.failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s\n`,
          ),
      });
      const serverErrors = Object.entries(stats.byStatus)
        .filter(([status]) => Number(status) >= 500)
        .reduce((n, [, c]) => n + c, 0);
      process.stderr.write(
        `${JSON.stringify({ seed, requests: stats.requests, serverErrors, illFormedFeeds: stats.failures.filter((f) => 'feed' in f.request).length, failures: stats.failures.length, byStatus: stats.byStatus, seconds: Math.round((Date.now() - started) / 1000) })}\n`,
      );
      process.stderr.write(`${JSON.stringify({ failureKinds: failureKinds(stats.failures) })}\n`);
      for (const failure of stats.failures.slice(0, 20)) process.stderr.write(`${JSON.stringify(failure)}\n`);
      expect(stats.failures.length).toBe(0);
      expect(stats.requests).toBe(REQUESTS);
    },
    TIME_LIMIT_MS + 120_000,
  );
});
