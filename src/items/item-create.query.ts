import type { QuoteSelectors } from '../sources/quote-verifier';
import type { CreateItemDto } from './dto/item.dto';
import { storedSchedule } from './money-rules';
import type { CitationRole, ItemStatus } from './status-scales';

/** What one new item writes besides the item row: its actors, citations, audit entry and event. */
export interface NewItemParts {
  actors: { actorId: string; role: string }[];
  citations: {
    sourceId: string;
    role: CitationRole;
    language?: string | null;
    quote: string;
    translation?: string | null;
    selectors: QuoteSelectors | null;
  }[];
  /** The audit entry's `change` and the `item.created` event's payload, as JSON text. */
  auditChange: string;
  event: string;
}

/** The item columns a create sets, in the order of the statement's VALUES. */
export const NEW_ITEM_COLUMNS = [
  'id',
  'kind',
  'title',
  'statement',
  'language',
  'tags',
  'amount_value',
  'amount_currency',
  'amount_qualifier',
  'amount_value_max',
  'schedule',
  'target_value',
  'target_unit',
  'target_label',
  'recurrence',
  'period_start',
  'period_end',
  'due_at',
  'due_precision',
  'initial_status',
  'initial_status_since',
  'status',
  'status_since',
  'created_by',
] as const;

/** A new item's columns, by column name. */
export type NewItemRow = Record<(typeof NEW_ITEM_COLUMNS)[number], unknown>;

/** A create's item row: the DTO's fields, the defaults, and the status it starts with. */
export function newItemRow(
  id: string,
  dto: CreateItemDto,
  status: ItemStatus,
  since: Date,
  by: string,
): NewItemRow {
  const { amount, target } = dto;
  const schedule = storedSchedule(dto.schedule);
  return {
    id,
    kind: dto.kind,
    title: dto.title,
    statement: dto.statement,
    language: dto.language,
    tags: [...new Set(dto.tags ?? [])],
    amount_value: amount?.value ?? null,
    amount_currency: amount?.currency ?? null,
    amount_qualifier: amount ? (amount.qualifier ?? 'exactly') : null,
    amount_value_max: amount?.valueMax ?? null,
    schedule: schedule && JSON.stringify(schedule),
    target_value: target?.value ?? null,
    target_unit: target?.unit ?? null,
    target_label: target?.label ?? null,
    recurrence: dto.recurrence ?? null,
    period_start: dto.periodStart ?? null,
    period_end: dto.periodEnd ?? null,
    due_at: dto.dueAt ?? null,
    due_precision: dto.duePrecision ?? 'day',
    initial_status: status,
    initial_status_since: since,
    status,
    status_since: since,
    created_by: by,
  };
}

const n = NEW_ITEM_COLUMNS.length;
const p = (i: number) => `$${n + i}`;
const BY = `$${NEW_ITEM_COLUMNS.indexOf('created_by') + 1}`;

/**
 * A create in one round trip: the item row (its id chosen by the caller), its actors and
 * citations (`unnest` of arrays), its audit entry and its `item.created` event, as one statement
 * of data-modifying CTEs. The foreign-key checks and the triggers (status counts, money,
 * origin_at, change counters) fire at the end of the statement, when every row is there.
 * Placeholders: the item's columns (NEW_ITEM_COLUMNS, `id` first), then actors (ids, roles),
 * citations (sources, roles, languages, quotes, translations, selectors), the audit change and
 * the event.
 */
export const INSERT_NEW_ITEM = `
  WITH item AS (
    INSERT INTO items (${NEW_ITEM_COLUMNS.join(', ')})
    VALUES (${NEW_ITEM_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ),
  actors AS (
    INSERT INTO item_actors (item_id, actor_id, role)
    SELECT $1, a.actor_id, a.role FROM unnest(${p(1)}::uuid[], ${p(2)}::text[]) AS a(actor_id, role)
  ),
  citations AS (
    INSERT INTO citations (item_id, source_id, role, language, quote, translation, selectors, created_by)
    SELECT $1, c.source_id, c.role, c.language, c.quote, c.translation, c.selectors, ${BY}
    FROM unnest(${p(3)}::uuid[], ${p(4)}::text[], ${p(5)}::text[], ${p(6)}::text[], ${p(7)}::text[], ${p(8)}::jsonb[])
      WITH ORDINALITY AS c(source_id, role, language, quote, translation, selectors, n)
    ORDER BY c.n
  ),
  audit AS (
    INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
    VALUES (${BY}, 'create', 'item', $1, ${p(9)}::jsonb)
  )
  INSERT INTO events (type, data) VALUES ('item.created', ${p(10)}::jsonb)`;
