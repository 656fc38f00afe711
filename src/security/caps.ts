import { EntityManager } from 'typeorm';
import { ErrorSpec, ProblemError } from '../common/problem';
import { sqlRows } from '../common/sql';

export const CapErrors = {
  WEBHOOKS: { status: 409, code: 'LIMIT.WEBHOOKS', title: 'Too many webhook subscriptions for this API key' },
  OPEN_FOLLOW_UPS: {
    status: 409,
    code: 'LIMIT.OPEN_FOLLOW_UPS',
    title: 'Too many open follow-ups for this API key',
  },
} satisfies Record<string, ErrorSpec>;

/** What each cap counts; rows are attributed to a key through `created_by` (the key's name). */
const CAPPED = {
  webhooks: {
    sql: `SELECT count(*)::int AS n FROM webhooks WHERE created_by = $1 AND active`,
    spec: CapErrors.WEBHOOKS,
  },
  openFollowUps: {
    sql: `SELECT count(*)::int AS n FROM follow_ups WHERE created_by = $1 AND state IN ('scheduled', 'notified') AND NOT automatic`,
    spec: CapErrors.OPEN_FOLLOW_UPS,
  },
} as const;

export type CappedResource = keyof typeof CAPPED;

/**
 * Call inside the creating transaction before inserting: throws 409 problem details when the key
 * already holds `limit` rows. Two racing creators may both pass by one; a cap is a guard rail
 * against runaway clients, not an exact quota.
 */
export async function assertUnderCap(
  m: EntityManager,
  resource: CappedResource,
  createdBy: string,
  limit: number,
): Promise<void> {
  const { sql, spec } = CAPPED[resource];
  const [{ n }] = await sqlRows<{ n: number }>(m, sql, [createdBy]);
  if (n >= limit)
    throw new ProblemError(spec, `This API key already has ${n} (the limit is ${limit}); remove some first`, {
      limit,
    });
}
