export const SOURCE_KINDS = [
  'news_article',
  'official_statement',
  'transcript',
  'report',
  'dataset',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What a recheck finds at a source's URL (sources.live_status). */
export const LIVE_STATUSES = ['unchanged', 'changed', 'gone', 'unreachable'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];
