import { createClient, createConfig } from './hey-api/client';
import { loadFxRates } from './hey-api/sdk.gen';
import type { LoadFxRatesErrors, LoadFxRatesResponses, LoadResultDto } from './hey-api/types.gen';

/**
 * An admin's rate loader, written only against what a second generator, @hey-api/openapi-ts,
 * makes of /openapi.json (test/client/hey-api/, made by `npm run client:check`), compiled with
 * `tsc --strict` and no casts. test/e2e/typed-client.spec.ts runs it against a started service.
 */
export interface RatesReport {
  csv: LoadResultDto;
  json: LoadResultDto;
  csvStatus: number;
  jsonStatus: number;
}

/** The ECB's own file: a Date column, one column per currency, a comma at the end of each line. */
const ECB_CSV = 'Date,USD,GBP,\n2024-06-13,1.0765,0.8435,\n2024-06-12,1.0806,0.8443,\n';

export async function loadRatesBothWays(
  baseUrl: string,
  adminKey: string,
  fetchImpl: typeof fetch = fetch,
): Promise<RatesReport> {
  const client = createClient(createConfig({ baseUrl, auth: adminKey, fetch: fetchImpl }));
  // The SDK function sends the JSON media type, typed from its own schema (perEur a string or number).
  const json = await loadFxRates({
    client,
    body: [
      { date: '2024-06-14', currency: 'USD', perEur: '1.0710' },
      { date: '2024-06-14', currency: 'GBP', perEur: 0.8422 },
    ],
  });
  if (!json.data) throw new Error(`PUT /v1/fx-rates (JSON): ${json.response.status} ${json.error?.detail}`);
  // The text/csv media type through the same generated client: the body is the file, sent as is.
  const csv = await client.put<LoadFxRatesResponses, LoadFxRatesErrors, false>({
    url: '/v1/fx-rates',
    security: [{ scheme: 'bearer', type: 'http' }],
    headers: { 'Content-Type': 'text/csv' },
    bodySerializer: null,
    body: ECB_CSV,
  });
  if (!csv.data) throw new Error(`PUT /v1/fx-rates (CSV): ${csv.response.status} ${csv.error?.detail}`);
  return { csv: csv.data, json: json.data, csvStatus: csv.response.status, jsonStatus: json.response.status };
}
