const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause between one probe's answer and the next probe. */
const PROBE_PAUSE_MS = 10;

export interface Probe {
  /** Probes answered so far while the work ran. */
  answered(): number;
}

/**
 * Asks GET /health/live over a real socket, one probe after another, while `work` runs, and
 * counts the answers that came back before the work finished. The service runs in this process:
 * while a request's handling blocks its event loop, no probe is answered (nor is the work's own
 * answer read) until the block ends, so a service that keeps answering shows answers *during*
 * the work, and a blocking one shows at most the few that fit before the block began — whatever
 * the machine's load, which stretches the work and the probes alike. The assertion is on that
 * order, not on milliseconds. `work` may read `probe.answered()` between its own steps to check
 * that every step saw answers.
 */
export async function probeWhile<T>(
  baseUrl: string,
  work: (probe: Probe) => Promise<T>,
): Promise<{ result: T; answered: number; maxGapMs: number; ms: number }> {
  let done = false;
  let answered = 0;
  const started = Date.now();
  const running = work({ answered: () => answered }).finally(() => (done = true));
  let last = Date.now();
  let maxGapMs = 0;
  while (!done) {
    const res = await fetch(`${baseUrl}/health/live`);
    await res.arrayBuffer();
    if (!done) answered++;
    const now = Date.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
    await sleep(PROBE_PAUSE_MS);
  }
  return { result: await running, answered, maxGapMs, ms: Date.now() - started };
}
