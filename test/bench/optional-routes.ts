import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioContext } from './scenarios';

/**
 * Routes that other work adds: amounts with convertTo (with rates loaded), and candidates
 * (on a source holding 20,000 characters of the NATO article, repeated).
 */
export async function optionalRoutes(
  appUrl: string,
  headers: Record<string, string>,
): Promise<ScenarioContext['has']> {
  // Loading rates re-values the pledges they apply to (set-based: ~2 s for these two at 1 M items);
  // a failure or a time-out here is still reported, and the scenarios without conversion still run.
  const attempt = (path: string, init: RequestInit) =>
    fetch(`${appUrl}${path}`, { ...init, headers }).then(
      (r) => ({ ok: r.ok, status: String(r.status) }),
      (e: unknown) => ({ ok: false, status: `failed (${e instanceof Error ? e.message : String(e)})` }),
    );
  const rates = await attempt('/v1/fx-rates', {
    method: 'PUT',
    body: JSON.stringify(
      ['USD', 'GBP'].map((currency, i) => ({ date: '2024-06-13', currency, perEur: i ? '0.85' : '1.08' })),
    ),
  });
  const convert = rates.ok
    ? await attempt('/v1/stats/amounts?convertTo=EUR&rateDate=latest', {})
    : { ok: false, status: 'not tried' };
  const nato = readFileSync(join(__dirname, '../../../test/fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');
  const source = await fetch(`${appUrl}/v1/sources`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      url: `https://example.org/bench-candidates/${Date.now()}`, // unique: a reused database holds earlier runs' sources
      title: 'Candidates bench',
      language: 'fr',
      publishedAt: '2024-06-13T18:00:00Z',
      text: nato.repeat(Math.ceil(20_000 / nato.length)).slice(0, 20_000),
    }),
  });
  const sourceId = source.ok ? ((await source.json()) as { id: string }).id : null;
  console.log(`  optional routes: PUT /v1/fx-rates ${rates.status}, amounts?convertTo ${convert.status}`);
  return { convertTo: rates.ok && convert.ok, candidatesOf: sourceId };
}
