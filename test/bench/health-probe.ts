/** The value at quantile `q` (0–1) of ascending `sorted`. */
export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * Latencies of GET /health/live on `base`, one every 20 ms, until `done()`, in ascending order:
 * how long a request waits on the service's event loop while a bench keeps it busy.
 */
export async function probe(base: string, done: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!done()) {
    const started = performance.now();
    await (await fetch(`${base}/health/live`)).arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times.sort((a, b) => a - b);
}
