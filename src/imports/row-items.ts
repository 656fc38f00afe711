import { FieldError } from '../common/problem';
import { CreateItemBody, createItemErrors, UpdateItemBody } from '../items/item-body';
import type { ImportMapping } from './columns';
import type { RowError, RowFields } from './row-map';

/** Stands for a source or actor a dry run would create (the DTO is checked with it). */
export const NOT_YET_CREATED = '00000000-0000-4000-8000-000000000000';

/** The item a row makes (POST /v1/items's body), given its source, the origin quote and its actor. */
export function createBody(
  fields: RowFields,
  mapping: ImportMapping,
  refs: { sourceId: string; quote: string; actorId?: string },
): CreateItemBody {
  return {
    kind: fields.kind,
    title: fields.title,
    statement: fields.statement,
    language: mapping.language ?? 'en',
    actors: refs.actorId
      ? [
          {
            actorId: refs.actorId,
            role: mapping.actorRole ?? (fields.kind === 'claim' ? 'speaker' : 'pledger'),
          },
        ]
      : [],
    tags: fields.tags,
    ...(fields.amount ? { amount: fields.amount } : {}),
    ...(fields.dueAt ? { dueAt: fields.dueAt } : {}),
    ...(fields.status ? { status: fields.status } : {}),
    citations: [{ sourceId: refs.sourceId, role: 'origin', quote: refs.quote }],
  };
}

/** What a changed row changes on its item (PATCH): the fields a sheet holds, status aside. */
export function updateBody(body: CreateItemBody): UpdateItemBody {
  const { title, statement, actors, tags } = body;
  return { title, statement, actors, tags, amount: body.amount ?? null, dueAt: body.dueAt ?? null };
}

/** The column a field of the item's body comes from. */
const COLUMN_OF: Record<string, keyof ImportMapping> = {
  title: 'title',
  statement: 'statement',
  kind: 'kind',
  status: 'status',
  actors: 'actor',
  amount: 'amount',
  tags: 'tags',
  dueAt: 'dueAt',
  citations: 'quote',
};

/** Every rule POST /v1/items checks before it writes, as the row's errors (named by column). */
export async function bodyErrors(
  body: CreateItemBody,
  row: number,
  mapping: ImportMapping,
): Promise<RowError[]> {
  return (await createItemErrors(body)).map((f) => problemToRowError(f, row, mapping));
}

export function problemToRowError(f: FieldError, row: number, mapping: ImportMapping): RowError {
  const field = COLUMN_OF[f.path.split('.')[0]];
  const column = field ? mapping[field] : undefined;
  return { row, column: typeof column === 'string' ? column : null, reason: f.message };
}
