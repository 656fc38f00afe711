import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The service's own metrics are named `pledgewatch_…`. Everything lives on prom-client's default
 * registry, so counters other modules register there (reminders, webhooks) appear on /metrics
 * too. Several app instances may share one process (tests), hence get-or-create instead of plain
 * constructors.
 */
export function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const httpRequests = once(
  'pledgewatch_http_requests_total',
  () =>
    new Counter({
      name: 'pledgewatch_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
    }),
);

export const httpDuration = once(
  'pledgewatch_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'pledgewatch_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
);

/** The subset of a pg Pool the gauges read. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const pools = new Set<PoolStats>();

once(
  'pledgewatch_db_pool_connections',
  () =>
    new Gauge({
      name: 'pledgewatch_db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      collect() {
        const sum = (pick: (p: PoolStats) => number) => [...pools].reduce((n, p) => n + pick(p), 0);
        this.set(
          { state: 'total' },
          sum((p) => p.totalCount),
        );
        this.set(
          { state: 'idle' },
          sum((p) => p.idleCount),
        );
        this.set(
          { state: 'waiting' },
          sum((p) => p.waitingCount),
        );
      },
    }),
);

export function watchPool(pool: PoolStats): () => void {
  pools.add(pool);
  return () => pools.delete(pool);
}

/**
 * Node's default metrics keep their standard names (`process_…`, `nodejs_…`), which dashboards
 * know. Three of them are gauges named `…_total`, which the exposition format reserves for
 * counters (`promtool check metrics` fails on them): they are dropped, and their per-type
 * gauges (`nodejs_active_handles{type}`, `nodejs_active_requests`, `nodejs_active_resources`)
 * sum to the same numbers.
 */
const GAUGES_NAMED_LIKE_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];
if (!register.getSingleMetric('process_cpu_user_seconds_total')) {
  collectDefaultMetrics();
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) register.removeSingleMetric(name);
}

export { register };
