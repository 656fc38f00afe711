import { checkContract, NATO_TEXT, TestApp } from '../helpers/app';

/**
 * test/client/client.ts is type-checked on its own, strictly, against the types generated from
 * the OpenAPI document (npm run client:check); here it runs against a started service. Loaded by
 * require so this file's type-check does not depend on the generated types being present.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tryTheContract } = require('../client/client') as {
  tryTheContract: (
    baseUrl: string,
    key: string,
    text: string,
    fetchImpl: typeof fetch,
  ) => Promise<Record<string, unknown>>;
};

// The same for the client @hey-api/openapi-ts generates (test/client/hey-api/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadRatesBothWays } = require('../client/fx-rates-client') as {
  loadRatesBothWays: (
    baseUrl: string,
    key: string,
    fetchImpl: typeof fetch,
  ) => Promise<Record<string, unknown>>;
};

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** fetch that checks every answer against the contract, like TestApp does for injected requests. */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  const url = new URL(request.url);
  checkContract(request.method, url.pathname + url.search, response.status, headersOf(response), text);
  return response;
};

describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await t.app.getUrl();
  });
  afterAll(() => t.close());

  it('logs a source and an item, replays, lists, patches with If-Match and reads a 412 problem', async () => {
    const report = await tryTheContract(baseUrl, t.keys.editor, NATO_TEXT, checkedFetch);
    expect(report).toMatchObject({
      listed: 1,
      replayed: 'true',
      patchedTitle: 'Allies give Ukraine at least €40bn a year',
      etagAfterPatch: expect.stringMatching(/^"2(\.[0-9a-z]+)?"$/) as string,
      staleStatus: 412,
      staleCode: 'REQUEST.STALE_VERSION',
    });
  });

  it('loads rates with a second generator’s client: the ECB CSV as text/csv, and JSON', async () => {
    const report = await loadRatesBothWays(baseUrl, t.keys.admin, checkedFetch);
    expect(report).toMatchObject({
      jsonStatus: 200,
      json: { received: 2, inserted: 2, currencies: ['GBP', 'USD'], from: '2024-06-14', to: '2024-06-14' },
      csvStatus: 200,
      csv: { received: 4, inserted: 4, currencies: ['GBP', 'USD'], from: '2024-06-12', to: '2024-06-13' },
    });
  });
});
