import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page } from '../common/pagination';
import { AuditView, listAudit } from './audit.query';
import { ListAuditQuery } from './dto/list-audit.query';

export interface AuditRecord {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  change?: Record<string, unknown>;
}

/** Writes go through the caller's transaction: no change without its audit row, and vice versa. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, change) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actor, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.change ?? {})],
    );
  }

  list(query: ListAuditQuery): Promise<Page<AuditView>> {
    return listAudit(this.db.manager, query);
  }
}
