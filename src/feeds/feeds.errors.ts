import { ErrorSpec } from '../common/problem';

export const FeedErrors = {
  /** Unknown, revoked, or the wrong file type for the feed: the same answer, so tokens cannot be probed. */
  NOT_FOUND: { status: 404, code: 'FEED.NOT_FOUND', title: 'Feed not found' },
  FILTER_NOT_FOR_KIND: {
    status: 422,
    code: 'FEED.FILTER_NOT_FOR_KIND',
    title: 'This filter does not apply to this kind of feed',
  },
  UNKNOWN_ITEM: { status: 422, code: 'FEED.UNKNOWN_ITEM', title: 'The item to follow does not exist' },
  UNKNOWN_ACTOR: { status: 422, code: 'FEED.UNKNOWN_ACTOR', title: 'The actor to follow does not exist' },
} satisfies Record<string, ErrorSpec>;
