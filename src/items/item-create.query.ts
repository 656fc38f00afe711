import type { EventPayloads } from '../events/event-types';
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
  /** The audit entry's `change`. */
  auditChange: Record<string, unknown>;
  event: EventPayloads['item.created'];
}

/** A new item: its row and what it writes besides. */
export interface NewItem {
  row: NewItemRow;
  parts: NewItemParts;
}

/** The item columns a create sets, in the order INSERT_NEW_ITEMS lists them. */
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
    schedule,
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

/**
 * A new item as INSERT_NEW_ITEMS writes it: the row, its actors (each once per role), its citations
 * with the selectors their quotes were found at, the audit entry (the request as given) and the
 * `item.created` event.
 */
export function newItem(
  id: string,
  dto: CreateItemDto,
  initial: { status: ItemStatus; since: Date; selectors: (QuoteSelectors | null)[] },
  by: string,
): NewItem {
  return {
    row: newItemRow(id, dto, initial.status, initial.since, by),
    parts: {
      actors: uniqueActors(dto.actors ?? []),
      citations: dto.citations.map((c, i) => ({ ...c, selectors: initial.selectors[i] })),
      auditChange: { ...dto },
      event: { itemId: id, kind: dto.kind, title: dto.title, status: initial.status },
    },
  };
}

/** An actor listed twice in the same role is stored once. */
export function uniqueActors<A extends { actorId: string; role: string }>(
  actors: A[],
): Pick<A, 'actorId' | 'role'>[] {
  const unique = new Map(actors.map((a) => [`${a.actorId}/${a.role}`, { actorId: a.actorId, role: a.role }]));
  return [...unique.values()];
}

/** The initial status holds from the earliest origin source's publication date, else from now. */
export function originDate(published: (Date | null)[]): Date {
  const times = published.filter((d): d is Date => d !== null).map((d) => d.getTime());
  const earliest = times.length ? Math.min(...times) : null;
  return earliest !== null && earliest <= Date.now() ? new Date(earliest) : new Date();
}

/**
 * Creates in one round trip, however many: the item rows (their ids chosen by the caller), their
 * actors and citations, audit entries and `item.created` events, as one statement of
 * data-modifying CTEs. The foreign-key checks and the triggers (status counts, money, origin_at,
 * change counters) fire at the end of the statement, when every row is there. Each item is
 * written with its `origin_at` (what the citations' trigger computes), so that trigger finds it
 * right and does not write the item a second time. `POST /v1/items` sends one item, an import a
 * batch (docs/imports.md).
 *
 * Placeholders: $1 the items as a JSON array (each a NewItemRow with its `audit_change` and
 * `event`, read as rows of `items` by `jsonb_populate_record`: a JSON array becomes `tags`' text[],
 * a decimal string a numeric), then the actors (item ids, actor ids, roles) and the citations
 * (item ids, sources, roles, languages, quotes, translations, selectors), flattened with the id
 * of the item each belongs to.
 */
export const INSERT_NEW_ITEMS = `
  WITH batch AS (
    SELECT e.n, r.*, e.value->'audit_change' AS audit_change, e.value->'event' AS event
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
    CROSS JOIN LATERAL jsonb_populate_record(NULL::items, e.value) AS r
  ),
  item AS (
    INSERT INTO items (${NEW_ITEM_COLUMNS.join(', ')}, origin_at)
    SELECT ${NEW_ITEM_COLUMNS.map((c) => `b.${c}`).join(', ')},
      (SELECT min(s.published_at) FROM unnest($5::uuid[], $6::uuid[], $7::text[]) AS o(item_id, source_id, role)
       JOIN sources s ON s.id = o.source_id WHERE o.item_id = b.id AND o.role = 'origin')
    FROM batch b ORDER BY b.n
  ),
  actors AS (
    INSERT INTO item_actors (item_id, actor_id, role)
    SELECT a.item_id, a.actor_id, a.role FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS a(item_id, actor_id, role)
  ),
  citations AS (
    INSERT INTO citations (item_id, source_id, role, language, quote, translation, selectors, created_by)
    SELECT c.item_id, c.source_id, c.role, c.language, c.quote, c.translation, c.selectors, b.created_by
    FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[])
      WITH ORDINALITY AS c(item_id, source_id, role, language, quote, translation, selectors, n)
    JOIN batch b ON b.id = c.item_id
    ORDER BY c.n
  ),
  audit AS (
    INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
    SELECT created_by, 'create', 'item', id, audit_change FROM batch ORDER BY n
  )
  INSERT INTO events (type, data) SELECT 'item.created', event FROM batch ORDER BY n`;
