import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Counter, register } from 'prom-client';
import { TestApp } from '../helpers/app';

/** Debian's `prometheus` package puts it there (.ci/run installs it). */
const PROMTOOL = '/usr/bin/promtool';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  const scrape = async () => {
    const res = await t.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('should count requests by route pattern and status, and time them', async () => {
    await t.get('/v1/items/00000000-0000-4000-8000-000000000000');
    await t.get('/v1/items/00000000-0000-4000-8000-000000000001');
    const text = await scrape();
    expect(text).toMatch(
      /^pledgewatch_http_requests_total\{method="GET",route="\/v1\/items\/:id",status="404"\} [2-9]/m,
    );
    expect(text).toMatch(
      /^pledgewatch_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/items\/:id",status="404"\}/m,
    );
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('should report the database pool and the default Node metrics', async () => {
    const text = await scrape();
    expect(text).toMatch(/^pledgewatch_db_pool_connections\{state="total"\} \d+/m);
    expect(text).toMatch(/^pledgewatch_db_pool_connections\{state="waiting"\} \d+/m);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should name every metric of the service pledgewatch_…, and leave no gauge named like a counter', async () => {
    const text = await scrape();
    const names = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    const own = names.filter((m) => !/^(process|nodejs|test)_/.test(m.name)).map((m) => m.name);
    expect(own).toEqual(expect.arrayContaining(['pledgewatch_http_requests_total']));
    expect(own.filter((name) => !name.startsWith('pledgewatch_'))).toEqual([]);
    expect(names.filter((m) => m.type !== 'counter' && m.name.endsWith('_total'))).toEqual([]);
  });

  (existsSync(PROMTOOL) ? it : it.skip)('should pass promtool check metrics (exit 0, no lint)', async () => {
    const text = await scrape();
    const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: result.status, out: `${result.stdout}${result.stderr}` }).toEqual({
      status: 0,
      out: '',
    });
  });

  it('should expose counters other modules put on the default registry', async () => {
    const counter =
      (register.getSingleMetric('test_feature_events_total') as Counter | undefined) ??
      new Counter({ name: 'test_feature_events_total', help: 'test' });
    counter.inc(3);
    expect(await scrape()).toContain('test_feature_events_total 3');
  });
});
