import { EntityManager } from 'typeorm';
import { decodeCursor, Page, timestampCursorSql, toPage } from '../common/pagination';
import { ListFollowUpsQuery } from './dto/follow-up.dto';
import { FollowUp } from './follow-up.entity';

/** GET /v1/follow-ups: soonest due first, keyset-paged on (due_at, id). */
export async function listFollowUps(m: EntityManager, query: ListFollowUpsQuery): Promise<Page<FollowUp>> {
  const qb = m
    .createQueryBuilder(FollowUp, 'f')
    .addSelect(timestampCursorSql('f.due_at'), 'cursor_at')
    .orderBy('f.due_at', 'ASC')
    .addOrderBy('f.id', 'ASC')
    .limit(query.limit + 1);
  if (query.state) qb.andWhere('f.state IN (:...states)', { states: query.state.split(',') });
  if (query.dueBefore) qb.andWhere('f.due_at < :dueBefore::timestamptz', { dueBefore: query.dueBefore });
  const overdue = `(f.state IN ('scheduled', 'notified') AND f.due_at < now())`;
  if (query.overdue === 'true') qb.andWhere(overdue);
  if (query.overdue === 'false') qb.andWhere(`NOT ${overdue}`);
  if (query.assignee) qb.andWhere('f.assignee = :assignee', { assignee: query.assignee });
  if (query.itemId) qb.andWhere('f.item_id = :itemId', { itemId: query.itemId });
  const after = decodeCursor(query.cursor, 2);
  if (after) qb.andWhere('(f.due_at, f.id) > (:at::timestamptz, :id::uuid)', { at: after[0], id: after[1] });
  const { entities, raw } = await qb.getRawAndEntities<{ cursor_at: string; f_id: string }>();
  const cursorAt = new Map(raw.map((r) => [r.f_id, r.cursor_at]));
  return toPage(
    entities,
    query.limit,
    (f) => [cursorAt.get(f.id) ?? f.dueAt.toISOString(), f.id],
    (f) => f,
  );
}
