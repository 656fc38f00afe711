/// <reference lib="dom" /> // code evaluated in the page (page.evaluate) uses the DOM
import { AddressInfo, createServer } from 'node:net';
import { DOCS_CSP } from '../../src/openapi/docs';
import { TestApp } from '../helpers/app';
import { BrowserSession } from '../helpers/browser';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Issue 22, finding 8: Swagger UI runs under a policy that allows it and nothing else. */
describe('/docs in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let baseUrl: string;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    // "Try it out" calls the document's server (PUBLIC_BASE_URL): the very origin the page comes from.
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await TestApp.start({ PUBLIC_BASE_URL: baseUrl });
    await t.app.listen({ port, host: '127.0.0.1' });
    b = await BrowserSession.open(baseUrl);
    b.page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('should send the policy with the page and with each of its files', async () => {
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js']) {
      const res = await fetch(`${baseUrl}${path}`);
      await res.arrayBuffer();
      expect([path, res.status, res.headers.get('content-security-policy')]).toEqual([path, 200, DOCS_CSP]);
    }
    expect(DOCS_CSP).toContain("script-src 'self'");
    expect(DOCS_CSP).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('should render every operation under the policy, run "Try it out" and break no rule', async () => {
    await b.page.goto('/docs');
    await b.page.locator('.opblock').first().waitFor();
    expect(await b.page.locator('.opblock').count()).toBeGreaterThan(20);
    const live = b.page.locator(
      '#operations-health-HealthController_live, .opblock-get:has-text("/health/live")',
    );
    await live.first().click();
    await b.page.getByRole('button', { name: 'Try it out' }).first().click();
    await b.page.getByRole('button', { name: 'Execute' }).first().click();
    await b.page.locator('.live-responses-table .response .response-col_status').first().waitFor();
    expect(
      await b.page.locator('.live-responses-table .response .response-col_status').first().innerText(),
    ).toContain('200');
    expect(b.errors).toEqual([]);
  });

  it('should refuse an inline script injected into the page', async () => {
    // The page the test before rendered (Swagger UI costs seconds of Chromium's time to load
    // again); loaded here only when this test runs alone.
    if (new URL(b.page.url(), baseUrl).pathname !== '/docs') await b.page.goto('/docs');
    await b.page.locator('.opblock').first().waitFor();
    const ran = await b.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(b.errors.some((e) => /Content Security Policy/i.test(e))).toBe(true);
  });
});
