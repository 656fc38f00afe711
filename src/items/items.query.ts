import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { ListItemsQuery } from './dto/list-items.query';
import { Item } from './item.entity';
import { ItemView, loadItemViews } from './items.view';

const SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', dueAt: 'due_at' } as const;

/** The list: filters, then keyset pagination on (sort column, id) so that page 1,000 costs what page 1 costs. */
export async function listItems(m: EntityManager, query: ListItemsQuery): Promise<Page<ItemView>> {
  const qb = m.getRepository(Item).createQueryBuilder('i').where('i.merged_into_id IS NULL');
  applyFilters(qb, query);
  const descending = query.sort.startsWith('-');
  const field = query.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = `i.${SORT_COLUMNS[field]}`;
  const direction = descending ? 'DESC' : 'ASC';
  const after = decodeCursor(query.cursor, 2);
  if (after) {
    const op = descending ? '<' : '>';
    // due_at may be NULL: rows without a date sort last in both directions.
    if (field === 'dueAt') {
      qb.andWhere(
        after[0] === null
          ? `(i.due_at IS NULL AND i.id ${op} :afterId)`
          : `(i.due_at IS NULL OR (i.due_at, i.id) ${op} (:afterValue::date, :afterId::uuid))`,
        { afterValue: after[0], afterId: after[1] },
      );
    } else {
      qb.andWhere(`(${column}, i.id) ${op} (:afterValue::timestamptz, :afterId::uuid)`, { afterValue: after[0], afterId: after[1] });
    }
  }
  qb.orderBy(column, direction, 'NULLS LAST').addOrderBy('i.id', direction).take(query.limit + 1);
  const rows = await qb.getMany();
  const page = toPage(rows, query.limit, (i) => [sortValue(i, field), i.id], (i) => i);
  return { data: await loadItemViews(m, page.data, { detail: false }), nextCursor: page.nextCursor };
}

function sortValue(item: Item, field: keyof typeof SORT_COLUMNS): string | null {
  const value = item[field];
  return value instanceof Date ? value.toISOString() : value;
}

export function applyFilters(qb: SelectQueryBuilder<Item>, query: ListItemsQuery): void {
  if (query.kind) qb.andWhere('i.kind = :kind', { kind: query.kind });
  if (query.status) qb.andWhere('i.status = ANY(:statuses)', { statuses: query.status.split(',') });
  if (query.tag) qb.andWhere(':tag = ANY(i.tags)', { tag: query.tag });
  if (query.actorId || query.role) {
    const conditions = ['ia.item_id = i.id', query.actorId && 'ia.actor_id = :actorId', query.role && 'ia.role = :role'].filter(Boolean);
    qb.andWhere(`EXISTS (SELECT 1 FROM item_actors ia WHERE ${conditions.join(' AND ')})`, { actorId: query.actorId, role: query.role });
  }
}
