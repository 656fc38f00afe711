import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import * as policy from '../../src/common/net/network-policy';
import { fetchPage, FetchFailure } from '../../src/sources/fetching/fetch-page';
import { PageServer } from '../helpers/page-server';

/**
 * The address rule holds on every hop, not only the first. No address on this machine is
 * public, so the rule is narrowed for this test: 127.0.0.1 (the first hop) counts as public,
 * anything else keeps the real verdict — and 127.0.0.2, the redirect's target, is loopback.
 */
describe('fetching a page hop by hop', () => {
  let web: PageServer;
  let inside: Server;
  let insideHits = 0;
  let insidePort = 0;
  const limits = { maxBytes: 1024 * 1024, timeoutMs: 5000, maxRedirects: 5, allowPrivate: false };

  beforeAll(async () => {
    web = await PageServer.start();
    inside = createServer((_, res) => {
      insideHits++;
      res.end('internal');
    });
    await new Promise<void>((resolve) => inside.listen(0, '127.0.0.2', resolve));
    insidePort = (inside.address() as AddressInfo).port;
    const real = policy.isPublicAddress;
    jest.spyOn(policy, 'isPublicAddress').mockImplementation((a) => a === '127.0.0.1' || real(a));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await web.close();
    await new Promise((resolve) => inside.close(resolve));
  });

  it('should follow a redirect between allowed addresses', async () => {
    web.put('/article', '<p>hello</p>');
    web.pages.set('/moved', { status: 301, headers: { location: '/article' }, body: '' });
    const page = await fetchPage(web.url('/moved'), limits);
    expect(page).toMatchObject({ status: 200, finalUrl: web.url('/article') });
    expect(page.bytes.toString()).toBe('<p>hello</p>');
  });

  it('should refuse a redirect to a private address at that hop, without connecting to it', async () => {
    web.pages.set('/to-inside', {
      status: 302,
      headers: { location: `http://127.0.0.2:${insidePort}/admin` },
      body: '',
    });
    const refused = fetchPage(web.url('/to-inside'), limits);
    await expect(refused).rejects.toBeInstanceOf(FetchFailure);
    await expect(refused).rejects.toMatchObject({ reason: 'private_address' });
    expect(insideHits).toBe(0);
    expect(web.requests).toContain('/to-inside');
  });
});
