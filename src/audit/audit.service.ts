import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../common/pagination';
import { invalid } from '../common/problem';
import { AuditEntry } from './audit-entry.entity';
import { AuditRecord, AuditRepository } from './audit.repository';
import { ListAuditQuery } from './dto/list-audit.query';

export type { AuditRecord };

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

/** Writes go through the caller's transaction: no change without its audit row, and vice versa. */
@Injectable()
export class AuditService {
  constructor(private readonly auditLog: AuditRepository) {}

  record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    return this.auditLog.insert(manager, entry);
  }

  /** Entries of a batch written together (one statement). */
  recordMany(manager: EntityManager, entries: AuditRecord[]): Promise<void> {
    return this.auditLog.insertMany(manager, entries);
  }

  /** Newest first. */
  async list(query: ListAuditQuery): Promise<Page<AuditView>> {
    if (query.from && query.to && query.from > query.to) throw invalid('from', 'must not be after to');
    const page = await this.auditLog.page(query);
    return { data: page.data.map(view), nextCursor: page.nextCursor };
  }
}
