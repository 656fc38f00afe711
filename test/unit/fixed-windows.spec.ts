import { FixedWindows } from '../../src/common/fixed-windows';

describe('FixedWindows (failed-authentication counters)', () => {
  it('should count hits in a window and start a new one once it has ended', () => {
    const windows = new FixedWindows(60_000, 10);
    windows.hit('a', 1_000);
    expect(windows.hit('a', 2_000)).toEqual({ count: 2, resetAt: 61_000 });
    expect(windows.current('a', 61_000)).toBeUndefined();
    expect(windows.hit('a', 61_000)).toEqual({ count: 1, resetAt: 121_000 });
  });

  it('should drop the least recently used key past maxKeys', () => {
    const windows = new FixedWindows(60_000, 3);
    for (const key of ['a', 'b', 'c']) windows.hit(key, 1_000);
    windows.current('a', 1_000); // used: 'b' is now the oldest
    windows.hit('d', 1_000);
    expect(windows.current('b', 1_000)).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => windows.current(key, 1_000)?.count)).toEqual([1, 1, 1]);
  });

  it('should not allocate room for maxKeys keys before they are counted', () => {
    const before = process.memoryUsage().arrayBuffers;
    // Allocated up front, these ten would hold 3 × 400 kB of typed arrays each.
    const kept = Array.from({ length: 10 }, () => new FixedWindows(60_000, 100_000));
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(kept).toHaveLength(10);
    expect(grown).toBeLessThan(1024 * 1024);
  });
});
