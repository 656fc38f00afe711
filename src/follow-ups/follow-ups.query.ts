import { EntityManager } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { ListFollowUpsQuery } from './dto/follow-up.dto';
import { FollowUp } from './follow-up.entity';

const FOLLOW_UPS_ORDER = new Keyset(
  [
    { sql: 'f.due_at', type: 'timestamptz' },
    { sql: 'f.id', type: 'uuid' },
  ],
  'ASC',
);

/** GET /v1/follow-ups: soonest due first, keyset-paged on (due_at, id). */
export async function listFollowUps(m: EntityManager, query: ListFollowUpsQuery): Promise<Page<FollowUp>> {
  const qb = m.createQueryBuilder(FollowUp, 'f');
  if (query.state) qb.andWhere('f.state IN (:...states)', { states: query.state.split(',') });
  if (query.dueBefore) qb.andWhere('f.due_at < :dueBefore::timestamptz', { dueBefore: query.dueBefore });
  const overdue = `(f.state IN ('scheduled', 'notified') AND f.due_at < now())`;
  if (query.overdue === 'true') qb.andWhere(overdue);
  if (query.overdue === 'false') qb.andWhere(`NOT ${overdue}`);
  if (query.assignee) qb.andWhere('f.assignee = :assignee', { assignee: query.assignee });
  if (query.itemId) qb.andWhere('f.item_id = :itemId', { itemId: query.itemId });
  return FOLLOW_UPS_ORDER.entityPage(qb, query);
}
