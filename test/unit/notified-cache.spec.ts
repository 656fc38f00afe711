import { NotifiedCache } from '../../src/common/notified-cache';

describe('NotifiedCache.peek', () => {
  let trusted = true;
  const cache = () =>
    new NotifiedCache<string>({ ttlMs: 60_000, maxEntries: 10, trusted: () => trusted, keyOf: (p) => p });
  beforeEach(() => (trusted = true));

  it('should answer a kept value without loading, and nothing for a key never loaded', async () => {
    const c = cache();
    await c.get('a', () => Promise.resolve('row a'));
    expect(c.peek('a')).toBe('row a');
    expect(c.peek('b')).toBeUndefined();
  });

  it('should answer nothing once a notification dropped the key', async () => {
    const c = cache();
    await c.get('a', () => Promise.resolve('row a'));
    c.notified('a');
    expect(c.peek('a')).toBeUndefined();
  });

  it('should answer nothing while the notifications are not trusted', async () => {
    const c = cache();
    await c.get('a', () => Promise.resolve('row a'));
    trusted = false;
    expect(c.peek('a')).toBeUndefined();
  });

  it('should answer nothing past the expiry', async () => {
    const c = new NotifiedCache<string>({ ttlMs: 1, maxEntries: 10, trusted: () => true });
    await c.get('a', () => Promise.resolve('row a'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(c.peek('a')).toBeUndefined();
  });
});

describe('NotifiedCache.get while a load is under way', () => {
  /** A load that resolves (or fails) when the test says so, counting its calls. */
  const gate = () => {
    let open!: (value: string) => void;
    let fail!: (error: Error) => void;
    const calls: string[] = [];
    const load = (value: string) => () => {
      calls.push(value);
      return new Promise<string>((resolve, reject) => ((open = resolve), (fail = reject)));
    };
    return { load, calls, open: (value: string) => open(value), fail: (error: Error) => fail(error) };
  };
  const cache = (trusted = () => true) =>
    new NotifiedCache<string>({ ttlMs: 60_000, maxEntries: 10, trusted, keyOf: (p) => p });

  it('should run one load for callers that miss the same key at once, and give each its value', async () => {
    const c = cache();
    const g = gate();
    const first = c.get('a', g.load('first'));
    const second = c.get('a', g.load('second'));
    g.open('row a');
    expect(await Promise.all([first, second])).toEqual(['row a', 'row a']);
    expect(g.calls).toEqual(['first']);
  });

  it('should not share a load with a caller that comes after an invalidation', async () => {
    const c = cache();
    const before = gate();
    const first = c.get('a', before.load('before'));
    c.notified('a');
    const after = gate();
    const second = c.get('a', after.load('after'));
    before.open('old row');
    after.open('new row');
    expect(await Promise.all([first, second])).toEqual(['old row', 'new row']);
    expect(c.peek('a')).toBe('new row');
  });

  it('should load on its own when the load it waited for fails', async () => {
    const c = cache();
    const g = gate();
    const first = c.get('a', g.load('first'));
    const second = c.get('a', () => Promise.resolve('own row'));
    g.fail(new Error('statement timeout'));
    await expect(first).rejects.toThrow('statement timeout');
    expect(await second).toBe('own row');
  });

  it('should not share loads while the notifications are not trusted', async () => {
    const c = cache(() => false);
    const g = gate();
    const first = c.get('a', g.load('first'));
    const second = c.get('a', () => Promise.resolve('own row'));
    expect(await second).toBe('own row');
    g.open('row a');
    expect(await first).toBe('row a');
  });
});
