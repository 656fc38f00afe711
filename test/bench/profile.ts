import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { benchDatabase } from './bench-database';
import { generate } from './generate';

/**
 * `npm run bench:profile [-- --route item|list|stats|amounts|page|poll --requests 3000 --items 5000]`: where one
 * request's CPU goes in the service. Loads a small database, builds the app in this process and
 * sends it requests through Fastify's inject (no sockets, so the kernel's loopback work is left
 * out), sampling the CPU with the inspector. Prints µs per request by package and the heaviest
 * frames (inclusive), and writes the .cpuprofile (open it in Chrome DevTools or speedscope for
 * the flame graph). `page` is a kept public page (`/p/<slug>` of every item, gzip as browsers ask)
 * and `poll` the item list's 304 poll, the two paths docs/public-pages.md compares.
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const ROUTE = option('route', 'item');
const REQUESTS = Number(option('requests', '3000'));
const ITEMS = Number(option('items', '5000'));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const { url, stop } = await benchDatabase('pledgewatch_profile');
  const key = `profile-admin-${randomUUID()}`;
  try {
    await runMigrations(url);
    await generate(url, ITEMS, () => undefined);
    const db = new Client({ connectionString: url });
    await db.connect();
    const ids = (await db.query<{ id: string }>(`SELECT id FROM items LIMIT 500`)).rows.map((r) => r.id);
    await db.end();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      ADMIN_API_KEY: key,
      SCHEDULER_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
    });
    const app = await createApp(config, url);
    const fastify = app.getHttpAdapter().getInstance();
    const auth = { authorization: `Bearer ${key}` };
    const published = await fastify.inject({
      method: 'POST',
      url: '/v1/publications',
      headers: auth,
      payload: { title: 'Profile page', filter: {} },
    });
    const page = `/p/${published.json<{ slug: string }>().slug}`;
    const pollTag = String(
      (await fastify.inject({ method: 'GET', url: '/v1/items?limit=50', headers: auth })).headers.etag,
    );
    const headers =
      ROUTE === 'page'
        ? { 'accept-encoding': 'gzip, deflate, br' }
        : ROUTE === 'poll'
          ? { ...auth, 'if-none-match': pollTag }
          : { ...auth, 'cache-control': 'no-cache' };
    const path = (i: number) =>
      ({
        item: `/v1/items/${ids[i % ids.length]}`,
        list: '/v1/items?kind=commitment&limit=50',
        stats: '/v1/stats/status',
        amounts: '/v1/stats/amounts?groupBy=pledger&convertTo=EUR&rateDate=announced',
        page,
        poll: '/v1/items?limit=50',
      })[ROUTE] ?? `/v1/items/${ids[i % ids.length]}`;
    const expected = ROUTE === 'poll' ? 304 : 200;
    for (let i = 0; i < 300; i++) {
      const res = await fastify.inject({ method: 'GET', url: path(i), headers });
      if (res.statusCode !== expected) throw new Error(`${path(i)} answered ${res.statusCode}: ${res.body}`);
    }
    const session = new Session();
    session.connect();
    const post = <T>(method: string, params?: object) =>
      new Promise<T>((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r as T))));
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (let i = 0; i < REQUESTS; i++) await fastify.inject({ method: 'GET', url: path(i), headers });
    const wallUs = Number(process.hrtime.bigint() - started) / 1000 / REQUESTS;
    const used = process.cpuUsage(cpu);
    const { profile } = await post<{ profile: Profile }>('Profiler.stop');
    session.disconnect();
    await app.close();
    const file = join(tmpdir(), `pledgewatch-${ROUTE}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(
      `# ${ROUTE}: ${REQUESTS} requests (${path(0)}), ${ITEMS.toLocaleString('en')} items; per request: ` +
        `wall ${wallUs.toFixed(0)} µs, CPU ${((used.user + used.system) / REQUESTS).toFixed(0)} µs (inject's own work included)`,
    );
    console.log(report(profile, REQUESTS));
    console.log(`\nFlame graph: open ${file} in Chrome DevTools (Performance) or https://www.speedscope.app`);
  } finally {
    await stop();
  }
}

/** µs per request by package (self time) and by frame (inclusive: the frame and what it called). */
function report(p: Profile, requests: number): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const frame = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url
      .replace(/^.*node_modules\//, '')
      .split('/')
      .slice(-2)
      .join('/')}:${lineNumber}`;
  };
  const area = (id: number) => {
    const url = byId.get(id)!.callFrame.url;
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    return (
      pkg ??
      (url.includes('/src/') ? `app: ${url.split('/src/')[1]}` : url || byId.get(id)!.callFrame.functionName)
    );
  };
  const packages = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    packages.set(area(id), (packages.get(area(id)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frame(at);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      seen.add(name);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `${(us / requests).toFixed(0).padStart(6)} µs  ${name}`)
      .join('\n');
  return `\n## By package (self time; "(idle)" is waiting for PostgreSQL)\n${top(packages, 25)}\n\n## Heaviest frames (inclusive)\n${top(inclusive, 40)}`;
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
