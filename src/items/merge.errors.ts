import { ErrorSpec } from '../common/problem';

export const MergeErrors = {
  INTO_ITSELF: { status: 422, code: 'ITEM.MERGE_INTO_ITSELF', title: 'An item cannot be merged into itself' },
  KIND_MISMATCH: {
    status: 422,
    code: 'ITEM.MERGE_KIND_MISMATCH',
    title: 'A claim and a commitment cannot be merged',
  },
  ALREADY_MERGED: {
    status: 409,
    code: 'ITEM.ALREADY_MERGED',
    title: 'This item was already merged into another one',
  },
  TARGET_MERGED: {
    status: 409,
    code: 'ITEM.MERGE_TARGET_MERGED',
    title: 'The surviving item was itself merged; merge into its survivor',
  },
} satisfies Record<string, ErrorSpec>;
