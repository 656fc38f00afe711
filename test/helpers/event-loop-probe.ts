const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise the issue makes about heavy requests: the service keeps answering within this. */
export const MAX_HEALTH_GAP_MS = 500;

/**
 * Asks GET /health/live every 100 ms over a real socket while `work` runs, and returns the
 * longest time between two answers (and the work's own result). A blocked event loop shows as a
 * gap as long as the block; an idle one as ~100 ms plus a round trip.
 */
export async function probeWhile<T>(
  baseUrl: string,
  work: () => Promise<T>,
): Promise<{ result: T; maxGapMs: number; samples: number }> {
  let done = false;
  const running = work().finally(() => (done = true));
  let last = Date.now();
  let maxGapMs = 0;
  let samples = 0;
  while (!done) {
    const res = await fetch(`${baseUrl}/health/live`);
    await res.arrayBuffer();
    const now = Date.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    samples++;
    await sleep(100);
  }
  return { result: await running, maxGapMs, samples };
}
