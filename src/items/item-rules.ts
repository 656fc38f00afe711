import { Violation } from '../common/problem';
import { ItemErrors } from './items.errors';
import { isStatusOnScale, ItemKind } from './status-scales';

export interface ItemShape {
  kind: ItemKind;
  status?: string;
  amount?: unknown;
  schedule?: unknown;
  target?: unknown;
  recurrence?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  citations?: { role: string }[];
}

/** The cross-field rules of an item that a DTO cannot express; every violation, not just the first. */
export function itemShapeViolations(item: ItemShape): Violation[] {
  const out: Violation[] = [];
  if (item.status !== undefined && !isStatusOnScale(item.kind, item.status)) {
    out.push({
      spec: ItemErrors.STATUS_NOT_ON_SCALE,
      path: 'status',
      message: `${item.status} is not a ${item.kind} status`,
    });
  }
  if (item.kind === 'claim') {
    for (const field of ['amount', 'schedule', 'target', 'recurrence', 'periodStart', 'periodEnd'] as const) {
      if (item[field] !== undefined && item[field] !== null) {
        out.push({ spec: ItemErrors.COMMITMENT_ONLY, path: field, message: 'belongs to commitments only' });
      }
    }
  }
  if (item.periodStart && item.periodEnd && item.periodEnd < item.periodStart) {
    out.push({ spec: ItemErrors.INVALID_PERIOD, path: 'periodEnd', message: 'is before periodStart' });
  }
  if (item.citations && !item.citations.some((c) => c.role === 'origin')) {
    out.push({
      spec: ItemErrors.ORIGIN_REQUIRED,
      path: 'citations',
      message: 'needs at least one citation with role origin',
    });
  }
  return out;
}

/** Each listed actor that does not exist (`found`: the ids that do), named by its path. */
export function unknownActorViolations(actors: { actorId: string }[], found: Set<string>): Violation[] {
  return actors.flatMap((a, i) =>
    found.has(a.actorId)
      ? []
      : [
          {
            spec: ItemErrors.UNKNOWN_ACTOR,
            path: `actors.${i}.actorId`,
            message: `actor ${a.actorId} does not exist`,
          },
        ],
  );
}
