import { parseInstant } from '../common/instant';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalid } from '../common/problem';
import { ALL_STATUSES, statusScale } from '../items/status-scales';
import { ActivityStatsQuery, StatusStatsQuery } from './dto/stats.query';
import {
  ACTIVITY,
  FOLLOW_UP_COUNTS,
  STATUS_COUNTS,
  STATUS_COUNTS_AS_OF,
  STATUS_COUNTS_AS_OF_DELTAS,
  STATUS_COUNTS_LIVE,
} from './stats.queries';
import { sqlRows } from '../common/sql';

const DAY_MS = 86_400_000;
const INTERVAL_MS = { day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS };
/** A dashboard draws at most this many buckets; more is a mistyped range. */
export const MAX_ACTIVITY_BUCKETS = 1000;

/** Dashboards: each method runs one named query of stats.queries.ts. */
/** One period of GET /activity (ACTIVITY's columns). */
interface ActivityRow {
  period: string;
  updates: number;
  statusChanges: number;
}

/** GET /follow-ups (FOLLOW_UP_COUNTS's columns). */
interface FollowUpCounts {
  scheduled: number;
  overdue: number;
  dueNext7Days: number;
  notified: number;
  done: number;
}

@Injectable()
export class StatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every status of the scale (both scales without `kind`), zeros included. */
  async status(query: StatusStatsQuery): Promise<{ total: number; byStatus: Record<string, number> }> {
    const params = [query.kind ?? null, query.tag ?? null, query.actorId ?? null];
    const filtered = query.tag || query.actorId;
    const rows: { status: string; n: number }[] = query.asOf
      ? filtered
        ? await this.db.query(STATUS_COUNTS_AS_OF, [...params, query.asOf])
        : await this.db.query(STATUS_COUNTS_AS_OF_DELTAS, [query.asOf, params[0]])
      : filtered
        ? await this.db.query(STATUS_COUNTS, params)
        : await this.db.query(STATUS_COUNTS_LIVE, [params[0]]);
    const scale = query.kind ? statusScale(query.kind) : ALL_STATUSES;
    const byStatus: Record<string, number> = Object.fromEntries(scale.map((s) => [s, 0]));
    for (const row of rows) byStatus[row.status] = row.n;
    return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
  }

  async activity(
    query: ActivityStatsQuery,
  ): Promise<{ interval: string; from: string; to: string; data: ActivityRow[] }> {
    const to = query.to ? parseInstant(query.to)! : new Date();
    const from = query.from ? parseInstant(query.from)! : new Date(to.getTime() - 30 * DAY_MS);
    if (from.getTime() >= to.getTime()) throw invalid('from', 'must be before to');
    if ((to.getTime() - from.getTime()) / INTERVAL_MS[query.interval] > MAX_ACTIVITY_BUCKETS) {
      throw invalid(
        'from',
        `the range holds more than ${MAX_ACTIVITY_BUCKETS} ${query.interval}s; narrow it or use a longer interval`,
      );
    }
    const data = await sqlRows<ActivityRow>(this.db, ACTIVITY, [
      query.interval,
      from.toISOString(),
      to.toISOString(),
    ]);
    return { interval: query.interval, from: from.toISOString(), to: to.toISOString(), data };
  }

  async followUps(): Promise<FollowUpCounts> {
    const [row] = await sqlRows<FollowUpCounts>(this.db, FOLLOW_UP_COUNTS);
    return row;
  }
}
