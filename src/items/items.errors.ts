import { ErrorSpec, ProblemError } from '../common/problem';

export const ItemErrors = {
  NOT_FOUND: { status: 404, code: 'ITEM.NOT_FOUND', title: 'Item not found' },
  MERGED: { status: 308, code: 'ITEM.MERGED', title: 'This item was merged into another one' },
  DISCARDED: { status: 410, code: 'ITEM.DISCARDED', title: 'This item was discarded' },
  NOT_DISCARDED: { status: 409, code: 'ITEM.NOT_DISCARDED', title: 'This item is not discarded' },
  ORIGIN_CITATION_KEPT: {
    status: 409,
    code: 'ITEM.ORIGIN_CITATION_KEPT',
    title: 'An origin citation stays: it is where the item comes from',
  },
  CITATION_NOT_FOUND: { status: 404, code: 'ITEM.CITATION_NOT_FOUND', title: 'Citation not found' },
  ORIGIN_REQUIRED: {
    status: 422,
    code: 'ITEM.ORIGIN_CITATION_REQUIRED',
    title: 'An item needs at least one citation with role origin',
  },
  STATUS_NOT_ON_SCALE: {
    status: 422,
    code: 'ITEM.STATUS_NOT_ON_SCALE',
    title: "The status is not on this item kind's scale",
  },
  COMMITMENT_ONLY: {
    status: 422,
    code: 'ITEM.COMMITMENT_ONLY_FIELD',
    title: 'Amounts, schedules, targets, recurrence and periods belong to commitments only',
  },
  INVALID_MONEY: {
    status: 422,
    code: 'ITEM.INVALID_MONEY',
    title: 'The amount, range or schedule does not add up',
  },
  INVALID_PERIOD: { status: 422, code: 'ITEM.INVALID_PERIOD', title: 'periodEnd is before periodStart' },
  UNKNOWN_ACTOR: { status: 422, code: 'ITEM.UNKNOWN_ACTOR', title: 'A referenced actor does not exist' },
} satisfies Record<string, ErrorSpec>;

export function itemNotFound(id: string): ProblemError {
  return new ProblemError(ItemErrors.NOT_FOUND, `Item ${id} does not exist`);
}

/**
 * 404 for an item that does not exist; 410 for one that was discarded (it points at itself, see
 * migrations/1732703400000-DiscardedItems.ts), with who and when when the row says; 308 to the
 * survivor (same sub-resource, e.g. `/updates`) for one that was merged. Every route under
 * /v1/items/:id answers these the same way.
 */
export function assertLiveItem<
  T extends { mergedIntoId: string | null; discardedAt?: Date | string | null; discardedBy?: string | null },
>(item: T | null | undefined, id: string, subPath = ''): asserts item is T {
  if (!item) throw itemNotFound(id);
  const survivorId = item.mergedIntoId;
  if (survivorId === id) {
    const when = item.discardedAt ? new Date(item.discardedAt).toISOString() : undefined;
    throw new ProblemError(
      ItemErrors.DISCARDED,
      `Item ${id} was discarded${item.discardedBy ? ` by ${item.discardedBy}` : ''}${when ? ` at ${when}` : ''}`,
      {
        ...(when ? { discardedAt: when } : {}),
        ...(item.discardedBy ? { discardedBy: item.discardedBy } : {}),
      },
    );
  }
  if (survivorId) {
    throw new ProblemError(ItemErrors.MERGED, `Item ${id} was merged into ${survivorId}`, {
      location: `/v1/items/${survivorId}${subPath}`,
      mergedIntoId: survivorId,
    });
  }
}
