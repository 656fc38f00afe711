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
