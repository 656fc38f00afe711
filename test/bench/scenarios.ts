import autocannon from 'autocannon';

/** One endpoint driven by autocannon: the service's request and, when it has one, the baseline's. */
export interface Scenario {
  name: string;
  app: Partial<autocannon.Options> & { path?: string };
  baseline?: string;
  /** Connections for this one (default: --connections); 1 measures a lone client's latency. */
  connections?: number;
}

export interface ScenarioContext {
  pick: () => string;
  listQuery: string;
  deepPage: number;
  cursor: string;
  sourceId: string;
  /** ETags of /v1/stats/status and /v1/stats/amounts?currency=EUR, for the polling dashboard. */
  etags: { status: string; amounts: string };
  /** Routes the service has (some land later than the bench): amounts with convertTo, candidates. */
  has: { convertTo: boolean; candidatesOf: string | null };
}

export const AS_OF = '2023-01-01T00:00:00Z';

const get = (name: string, path: string, baseline?: string): Scenario => ({ name, app: { path }, baseline });

/**
 * The same GET with `Cache-Control: no-cache`, so the service runs the query rather than answer
 * with the body it remembered for the current change counter (src/common/conditional/door.ts).
 */
const fresh = (name: string, path: string, baseline?: string): Scenario => ({
  name: `${name} (not remembered)`,
  app: {
    requests: [
      { setupRequest: (r) => ({ ...r, path, headers: { ...r.headers, 'cache-control': 'no-cache' } }) },
    ],
  },
  baseline,
});

/** Every endpoint the bench drives, in order; the summary (summary.ts) reads them by name. */
export function scenarios(c: ScenarioContext): Scenario[] {
  const list: Scenario[] = [
    {
      name: 'GET /v1/items/:id',
      app: { requests: [{ setupRequest: (r) => ({ ...r, path: `/v1/items/${c.pick()}` }) }] },
      baseline: '/items/:id',
    },
    get(`list page 1 (?${c.listQuery})`, `/v1/items?${c.listQuery}`, `/items?${c.listQuery}`),
    get(
      `list page ${c.deepPage.toLocaleString('en')}`,
      `/v1/items?${c.listQuery}&cursor=${c.cursor}`,
      `/items?${c.listQuery}&cursor=${c.cursor}`,
    ),
    get(
      'q search (?q=ammunition factory)',
      '/v1/items?q=ammunition%20factory',
      '/items?q=ammunition%20factory&limit=50',
    ),
    get('q search (?q=milliards, ~5 % of items)', '/v1/items?q=milliards', '/items?q=milliards&limit=50'),
    get('list status=broken&asOf (few)', `/v1/items?status=broken&asOf=${AS_OF}`),
    get('list status=proposed&asOf (many)', `/v1/items?status=proposed&asOf=${AS_OF}`),
    get('GET /v1/stats/status', '/v1/stats/status', '/stats/status'),
    fresh('GET /v1/stats/status', '/v1/stats/status', '/stats/status'),
    get('GET /v1/stats/status?asOf', `/v1/stats/status?asOf=${AS_OF}`, `/stats/status?asOf=${AS_OF}`),
    fresh('GET /v1/stats/status?asOf', `/v1/stats/status?asOf=${AS_OF}`, `/stats/status?asOf=${AS_OF}`),
    {
      name: 'dashboard poll (status + amounts, If-None-Match)',
      app: {
        requests: [
          {
            setupRequest: (r) => ({
              ...r,
              path: '/v1/stats/status',
              headers: { ...r.headers, 'if-none-match': c.etags.status },
            }),
          },
          {
            setupRequest: (r) => ({
              ...r,
              path: '/v1/stats/amounts?currency=EUR',
              headers: { ...r.headers, 'if-none-match': c.etags.amounts },
            }),
          },
        ],
      },
      baseline: '/stats/status',
    },
    get(
      'GET /v1/stats/amounts?currency=EUR',
      '/v1/stats/amounts?currency=EUR',
      '/stats/amounts?currency=EUR',
    ),
    fresh(
      'GET /v1/stats/amounts?currency=EUR',
      '/v1/stats/amounts?currency=EUR',
      '/stats/amounts?currency=EUR',
    ),
    fresh('amounts groupBy=pledger', '/v1/stats/amounts?currency=EUR&groupBy=pledger'),
    fresh('amounts groupBy=period', '/v1/stats/amounts?currency=EUR&groupBy=period'),
    fresh('amounts groupBy=status', '/v1/stats/amounts?currency=EUR&groupBy=status'),
    ...(c.has.convertTo
      ? [
          fresh('amounts convertTo=EUR', '/v1/stats/amounts?convertTo=EUR&rateDate=latest'),
          fresh('amounts convertTo=EUR announced', '/v1/stats/amounts?convertTo=EUR&rateDate=announced'),
          ...['pledger', 'period', 'status'].map((g) =>
            fresh(
              `amounts groupBy=${g} convertTo=EUR`,
              `/v1/stats/amounts?groupBy=${g}&convertTo=EUR&rateDate=announced`,
            ),
          ),
        ]
      : []),
    get('GET /v1/items/similar', '/v1/items/similar?text=Allies%20pledge%20ammunition%20factory%20drones'),
    {
      name: 'POST /v1/items/:id/updates',
      app: {
        method: 'POST',
        requests: [
          {
            setupRequest: (r) => ({
              ...r,
              path: `/v1/items/${c.pick()}/updates`,
              body: JSON.stringify({ note: 'bench progress note' }),
            }),
          },
        ],
      },
    },
    {
      name: 'POST /v1/items',
      app: {
        method: 'POST',
        path: '/v1/items',
        body: JSON.stringify({
          kind: 'commitment',
          title: 'Bench pledge of drones',
          statement: 'A pledge logged by the benchmark.',
          language: 'en',
          citations: [{ sourceId: c.sourceId, role: 'origin', quote: 'a quote' }],
        }),
      },
      baseline: 'POST /items',
    },
  ];
  return list;
}
