import { Counter, register } from 'prom-client';
import { TestApp } from '../helpers/app';

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
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/items\/:id",status="404"\} [2-9]/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/v1\/items\/:id",status="404"\}/,
    );
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('should report the database pool and the default Node metrics', async () => {
    const text = await scrape();
    expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{state="waiting"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('should expose counters other modules put on the default registry', async () => {
    const counter =
      (register.getSingleMetric('test_feature_events_total') as Counter | undefined) ??
      new Counter({ name: 'test_feature_events_total', help: 'test' });
    counter.inc(3);
    expect(await scrape()).toContain('test_feature_events_total 3');
  });
});
