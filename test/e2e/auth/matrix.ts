import { randomUUID } from 'node:crypto';
import { Role } from '../../../src/auth/api-key.entity';
import { TestApp } from '../../helpers/app';
import { Route, routeTable } from '../../helpers/routes';

/**
 * The SPEC's access rules, written down independently of the decorators that implement them:
 * only health, docs, the OpenAPI document, feed files (their token is the credential) and public
 * tracker pages (/p) are open; API keys, webhooks, the audit trail, publications, restoring an item and /metrics (unless METRICS_PUBLIC=true) are admin-only; otherwise reading needs viewer, writing editor.
 */
const OPEN = [/^\/health\//, /^\/docs/, /^\/openapi\.json$/, /^\/feeds\//, /^\/p\//];
const ADMIN_ONLY = [
  /^\/v1\/api-keys/,
  /^\/v1\/webhooks/,
  /^\/v1\/audit/,
  /^\/v1\/fx-rates/,
  /^\/v1\/publications/,
  /^\/metrics$/,
  /^\/v1\/items\/:id\/restore$/, // restoring a discarded item (SPEC: admin)
];

function leastRole(route: Route): Role | 'open' {
  if (OPEN.some((p) => p.test(route.path))) return 'open';
  if (ADMIN_ONLY.some((p) => p.test(route.path))) return 'admin';
  return ['GET', 'HEAD'].includes(route.method) ? 'viewer' : 'editor';
}

const RANK = { viewer: 0, editor: 1, admin: 2 };
type Caller = 'no key' | 'revoked' | Role;
const CALLERS: Caller[] = ['no key', 'revoked', 'viewer', 'editor', 'admin'];

/** 401 for no or a revoked key, 403 below the least role, otherwise "past the guard": anything else. */
function expected(route: Route, caller: Caller): 'allowed' | 401 | 403 {
  const least = leastRole(route);
  if (least === 'open') return 'allowed';
  if (caller === 'no key' || caller === 'revoked') return 401;
  return RANK[caller] >= RANK[least] ? 'allowed' : 403;
}

describe('authorization matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let routes: Route[];
  const keys: Record<Caller, string | null> = {
    'no key': null,
    revoked: '',
    viewer: '',
    editor: '',
    admin: '',
  };

  beforeAll(async () => {
    t = await TestApp.start();
    // Fastify answers HEAD for every GET route through the same handler: it must be guarded the same way.
    const table = routeTable(t.app).filter((r) => r.method !== 'ALL');
    routes = [...table, ...table.filter((r) => r.method === 'GET').map((r) => ({ ...r, method: 'HEAD' }))];
    const revoked = await t.post('/v1/api-keys', { name: 'revoked-editor', role: 'editor' });
    await t.delete(`/v1/api-keys/${revoked.body.id}`);
    Object.assign(keys, {
      revoked: revoked.body.key,
      viewer: t.keys.viewer,
      editor: t.keys.editor,
      admin: t.keys.admin,
    });
  });
  afterAll(async () => t.close());

  it('should find the routes of every feature in the route table', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const path of [
      '/v1/items',
      '/v1/sources',
      '/v1/actors',
      '/v1/api-keys',
      '/v1/audit',
      '/metrics',
      '/health/ready',
    ])
      expect(paths).toContain(path);
  });

  it('should answer each route as the access rules say, for each caller', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      // Unknown ids and empty bodies: the guard decides before any of them is looked at.
      const url = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
      for (const caller of CALLERS) {
        const res = await t.request(route.method, url, {
          key: keys[caller],
          payload: ['GET', 'HEAD'].includes(route.method) ? undefined : {},
        });
        const want = expected(route, caller);
        const got = res.status === 401 || res.status === 403 ? res.status : 'allowed';
        if (got !== want || res.status >= 500)
          mismatches.push(`${route.method} ${route.path} as ${caller}: expected ${want}, got ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('should serve the API documentation without a key', async () => {
    expect((await t.get('/openapi.json', { key: null })).status).toBe(200);
    expect((await t.get('/docs', { key: null })).status).toBe(200);
  });

  it('should open /metrics to scrapers without a key only when METRICS_PUBLIC=true', async () => {
    const open = await TestApp.start({ METRICS_PUBLIC: 'true' });
    try {
      expect((await open.get('/metrics', { key: null })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
