import { ErrorSpec, ProblemError } from '../common/problem';

export const CapErrors = {
  WEBHOOKS: { status: 409, code: 'LIMIT.WEBHOOKS', title: 'Too many webhook subscriptions for this API key' },
  OPEN_FOLLOW_UPS: {
    status: 409,
    code: 'LIMIT.OPEN_FOLLOW_UPS',
    title: 'Too many open follow-ups for this API key',
  },
} satisfies Record<string, ErrorSpec>;

/** The error of each cap; the owning feature's repository counts the key's rows (`created_by`, the key's name). */
const CAPPED = { webhooks: CapErrors.WEBHOOKS, openFollowUps: CapErrors.OPEN_FOLLOW_UPS } as const;

export type CappedResource = keyof typeof CAPPED;

/**
 * Call inside the creating transaction before inserting, with the count the owner's repository
 * read in it: throws 409 problem details when the key already holds `limit` rows. Two racing
 * creators may both pass by one; a cap is a guard rail against runaway clients, not an exact quota.
 */
export function assertUnderCap(resource: CappedResource, n: number, limit: number): void {
  if (n >= limit)
    throw new ProblemError(
      CAPPED[resource],
      `This API key already has ${n} (the limit is ${limit}); remove some first`,
      { limit },
    );
}
