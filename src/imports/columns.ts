import type { ActorKind } from '../actors/actor-kinds';
import type { ActorRole } from '../items/status-scales';

/** The fields a column can be mapped to; every one names a column of the sheet's header row. */
export const COLUMN_FIELDS = [
  'title',
  'statement',
  'kind',
  'status',
  'actor',
  'amount',
  'currency',
  'date',
  'dueAt',
  'sourceUrl',
  'sourceTitle',
  'quote',
  'tags',
  'rowKey',
] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

/** An import's mapping (validated as ImportMappingDto): which column is what, and constants. */
export type ImportMapping = { title: string; sourceUrl: string } & Partial<
  Record<Exclude<ColumnField, 'title' | 'sourceUrl'>, string>
> & {
    actorRole?: ActorRole;
    actorKind?: ActorKind;
    unitMultiplier?: string;
    language?: string;
    dateOrder?: 'dmy' | 'mdy';
    tracker?: string;
    statusWords?: Record<string, string>;
  };
