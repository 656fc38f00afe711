import { EntityManager } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { invalid } from '../common/problem';
import { AuditEntry } from './audit-entry.entity';
import { ListAuditQuery } from './dto/list-audit.query';

export interface AuditView {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  change: Record<string, unknown>;
}

function view(entry: AuditEntry): AuditView {
  const { id, at, actor, action, entityType, entityId, change } = entry;
  return { id, at: at.toISOString(), actor, action, entityType, entityId, change };
}

const AUDIT_ORDER = new Keyset([{ sql: 'a.id', type: 'bigint' }], 'DESC');

/** Newest first; keyset on the bigserial id, which follows commit order closely enough for paging. */
export async function listAudit(m: EntityManager, query: ListAuditQuery): Promise<Page<AuditView>> {
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to))
    throw invalid('from', 'must not be after to');
  const qb = m.getRepository(AuditEntry).createQueryBuilder('a');
  if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
  if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
  if (query.actor) qb.andWhere('a.actor = :actor', { actor: query.actor });
  if (query.from) qb.andWhere('a.at >= :from::timestamptz', { from: query.from });
  if (query.to) qb.andWhere('a.at < :to::timestamptz', { to: query.to });
  const page = await AUDIT_ORDER.entityPage(qb, query);
  return { data: page.data.map(view), nextCursor: page.nextCursor };
}
