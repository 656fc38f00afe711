import createClient from 'openapi-fetch';
import type { components, paths } from './openapi';

/**
 * A dashboard author's script, written only against the types openapi-typescript generates from
 * /openapi.json (test/client/openapi.d.ts, made by `npm run client:check`), compiled with
 * `tsc --strict` and no casts. test/e2e/typed-client.spec.ts runs it against a started service.
 */
export interface ClientReport {
  sourceId: string;
  itemId: string;
  listed: number;
  replayed: string | null;
  patchedTitle: string;
  etagAfterPatch: string | null;
  staleStatus: number;
  staleCode: string;
}

const QUOTE =
  'fournissent chaque année à l’Ukraine une assistance militaire équivalant à au moins 40 milliards d’euros';

export async function tryTheContract(
  baseUrl: string,
  apiKey: string,
  text: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ClientReport> {
  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${apiKey}` },
    fetch: fetchImpl,
  });
  const source = await api.POST('/v1/sources', {
    params: { header: { 'Idempotency-Key': 'client-source' } },
    body: {
      url: 'https://www.tunisiefocus.com/international/otan-ukraine?utm_source=client',
      title: 'Les ministres de la Défense de l’OTAN approuvent un nouveau plan',
      publishedAt: '2024-06-13T18:00:00Z',
      language: 'fr',
      text,
    },
  });
  if (!source.data) throw new Error(`POST /v1/sources: ${source.response.status} ${source.error?.detail}`);
  const itemBody: components['schemas']['CreateItemDto'] = {
    kind: 'commitment',
    title: 'Allies provide Ukraine at least €40bn of military aid per year',
    statement: 'Allies provide Ukraine each year with military assistance worth at least EUR 40 billion.',
    language: 'en',
    amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    recurrence: 'annual',
    dueAt: '2030-12-31',
    duePrecision: 'year',
    citations: [{ sourceId: source.data.id, role: 'origin', language: 'fr', quote: QUOTE }],
  };
  const item = await api.POST('/v1/items', {
    params: { header: { 'Idempotency-Key': 'client-item' } },
    body: itemBody,
  });
  if (!item.data) throw new Error(`POST /v1/items: ${item.response.status} ${item.error?.detail}`);
  const again = await api.POST('/v1/items', {
    params: { header: { 'Idempotency-Key': 'client-item' } },
    body: itemBody,
  });
  const etag = item.response.headers.get('ETag') ?? `"${item.data.version}"`;

  const list = await api.GET('/v1/items', {
    params: { query: { limit: 10, kind: 'commitment', dueBefore: '2031-01-01' } },
  });
  const patched = await api.PATCH('/v1/items/{id}', {
    params: { path: { id: item.data.id }, header: { 'If-Match': etag } },
    body: { title: 'Allies give Ukraine at least €40bn a year' },
  });
  if (!patched.data) throw new Error(`PATCH: ${patched.response.status} ${patched.error?.detail}`);
  const stale = await api.PATCH('/v1/items/{id}', {
    params: { path: { id: item.data.id }, header: { 'If-Match': etag } },
    body: { title: 'A write from an old copy' },
  });
  return {
    sourceId: source.data.id,
    itemId: item.data.id,
    listed: list.data?.data.length ?? 0,
    replayed: again.response.headers.get('Idempotent-Replayed'),
    patchedTitle: patched.data.title,
    etagAfterPatch: patched.response.headers.get('ETag'),
    staleStatus: stale.response.status,
    staleCode: stale.error?.code ?? '',
  };
}
