import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalid } from '../common/problem';
import { ALL_STATUSES, statusScale } from '../items/status-scales';
import { ActivityStatsQuery, StatusStatsQuery } from './dto/stats.query';
import { ActivityRow, FollowUpCounts, StatsRepository } from './stats.repository';

const DAY_MS = 86_400_000;
const INTERVAL_MS = { day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS };
/** A dashboard draws at most this many buckets; more is a mistyped range. */
export const MAX_ACTIVITY_BUCKETS = 1000;

/** Dashboards: each method runs one named query of stats.queries.ts (StatsRepository). */
@Injectable()
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  /** Every status of the scale (both scales without `kind`), zeros included. */
  async status(
    query: StatusStatsQuery,
    m?: EntityManager,
  ): Promise<{ total: number; byStatus: Record<string, number> }> {
    const filter =
      query.tag || query.actorId ? { tag: query.tag ?? null, actorId: query.actorId ?? null } : null;
    const rows = await this.stats.statusCounts(query.kind ?? null, filter, query.asOf, m);
    const scale = query.kind ? statusScale(query.kind) : ALL_STATUSES;
    const byStatus: Record<string, number> = Object.fromEntries(scale.map((s) => [s, 0]));
    for (const row of rows) byStatus[row.status] = row.n;
    return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
  }

  async activity(
    query: ActivityStatsQuery,
    m?: EntityManager,
  ): Promise<{ interval: string; from: string; to: string; data: ActivityRow[] }> {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) throw invalid('from', 'must be before to');
    if ((to.getTime() - from.getTime()) / INTERVAL_MS[query.interval] > MAX_ACTIVITY_BUCKETS) {
      throw invalid(
        'from',
        `the range holds more than ${MAX_ACTIVITY_BUCKETS} ${query.interval}s; narrow it or use a longer interval`,
      );
    }
    const data = await this.stats.activity(query.interval, from, to, m);
    return { interval: query.interval, from: from.toISOString(), to: to.toISOString(), data };
  }

  followUps(m?: EntityManager): Promise<FollowUpCounts> {
    return this.stats.followUpCounts(m);
  }
}
