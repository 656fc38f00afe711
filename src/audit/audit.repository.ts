import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { sqlRun } from '../database/sql';
import { AuditEntry } from './audit-entry.entity';
import { ListAuditQuery } from './dto/list-audit.query';

export interface AuditRecord {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  change?: Record<string, unknown>;
}

const AUDIT_ORDER = new Keyset([{ sql: 'a.id', type: 'bigint' }], 'DESC');

/** Every statement on `audit_log`. Writes run in the caller's transaction. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, entry: AuditRecord): Promise<void> {
    await sqlRun(
      m,
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, change) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actor, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.change ?? {})],
    );
  }

  /** Many entries in one statement, in the order given. */
  async insertMany(m: EntityManager, entries: AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await sqlRun(
      m,
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
       SELECT a.actor, a.action, a.entity_type, a.entity_id, a.change
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY
           AS a(actor, action, entity_type, entity_id, change, n)
        ORDER BY a.n`,
      [
        entries.map((e) => e.actor),
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId),
        entries.map((e) => JSON.stringify(e.change ?? {})),
      ],
    );
  }

  /** Newest first; keyset on the bigserial id, which follows commit order closely enough for paging. */
  page(query: ListAuditQuery): Promise<Page<AuditEntry>> {
    const qb = this.db.manager.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('a.actor = :actor', { actor: query.actor });
    if (query.from) qb.andWhere('a.at >= :from::timestamptz', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to::timestamptz', { to: query.to });
    return AUDIT_ORDER.entityPage(qb, query);
  }
}
