export const SOURCE_KINDS = [
  'news_article',
  'official_statement',
  'transcript',
  'report',
  'dataset',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
