import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, change) VALUES ($1, $2, $3, $4, $5)`,
      [entry.actor, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.change ?? {})],
    );
  }
}
