import { TestApp } from '../../helpers/app';

/**
 * One client's failed authentications never lock out another client's valid key, behind a proxy
 * or a shared NAT alike; only the proxies named in TRUST_PROXY may say who the client is.
 */
describe('failed authentications without lockout of valid keys', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await TestApp.start({
        AUTH_FAILURES_PER_MINUTE: '30',
        AUTH_FAILURES_PER_ADDRESS_PER_MINUTE: '300',
        TRUST_PROXY: '127.0.0.2',
      })),
  );
  afterAll(async () => t.close());

  let peer = 10;
  /** Each test its own peer address, so the one-minute windows of one test never reach the next. */
  const nextPeer = () => `192.0.2.${peer++}`;
  const get = async (key: string | null, remoteAddress: string, forwardedFor?: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/v1/items?limit=1',
        remoteAddress,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
      })
    ).statusCode;
  const guess = (i: number) => `pw_${i.toString(36).padStart(7, 'z')}${'x'.repeat(36)}`;

  it('should answer 200 to a valid key from an address that just sent 300 bad keys', async () => {
    const address = nextPeer();
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) statuses.add(await get(guess(i), address));
    expect([...statuses]).toEqual([401]);
    expect(await get(guess(301), address)).toBe(429);
    expect(await get(null, address)).toBe(429);
    expect(await get(t.keys.admin, address)).toBe(200);
    // A key created after the address was blocked, which this replica has never seen.
    const fresh = await t.post('/v1/api-keys', { name: 'created while blocked', role: 'viewer' });
    expect(await get(fresh.body.key as string, address)).toBe(200);
  });

  it('should stop one prefix guessed 30 times while other prefixes from the address still get 401', async () => {
    const address = nextPeer();
    const samePrefix = (i: number) => `pw_same00${i.toString().padStart(40, '0')}`;
    for (let i = 0; i < 30; i++) expect(await get(samePrefix(i), address)).toBe(401);
    expect(await get(samePrefix(31), address)).toBe(429);
    expect(await get(guess(1), address)).toBe(401);
    expect(await get(t.keys.viewer, address)).toBe(200);
  });

  it('should ignore X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const address = nextPeer();
    for (let i = 0; i < 30; i++) await get(`pw_spoofed${i}`, address, `198.51.100.${i}`);
    // Thirty different forwarded clients were one peer: the prefix is blocked for that peer.
    expect(await get('pw_spoofed99', address, '198.51.100.200')).toBe(429);
  });

  it('should count per client behind a trusted proxy', async () => {
    const proxy = '127.0.0.2';
    for (let i = 0; i < 30; i++) await get(`pw_behind0${i}`, proxy, '203.0.113.5');
    expect(await get('pw_behind099', proxy, '203.0.113.5')).toBe(429);
    // Another client behind the same proxy, guessing the same prefix, is a client of its own.
    expect(await get('pw_behind099', proxy, '203.0.113.6')).toBe(401);
    expect(await get(t.keys.editor, proxy, '203.0.113.5')).toBe(200);
  });

  it('should count bad keys on /metrics like those on /v1 (one authentication path)', async () => {
    const address = nextPeer();
    const metrics = async (key: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/metrics',
          remoteAddress: address,
          headers: { authorization: `Bearer ${key}` },
        })
      ).statusCode;
    for (let i = 0; i < 30; i++) expect(await metrics(`pw_metric0${i}`)).toBe(401);
    expect(await metrics('pw_metric099')).toBe(429);
    expect(await metrics(t.keys.viewer)).toBe(403);
    expect(await metrics(t.keys.admin)).toBe(200);
  });
});
