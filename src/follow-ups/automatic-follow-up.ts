import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DueDateFollowUps } from '../items/due-date-follow-ups';
import { dueWindowEnd, DuePrecision } from '../items/due-window';
import { FollowUpState, isOpen } from './follow-up-state';
import { sqlRows } from '../common/sql';

export type AutomaticPlan =
  | { kind: 'none' }
  | { kind: 'create'; dueAt: Date }
  | { kind: 'move'; id: string; dueAt: Date }
  | { kind: 'cancel'; id: string };

/**
 * What to do with an item's automatic follow-up so that it sits at `target` (the end of the
 * item's due window), given the latest automatic follow-up it has. A finished one is left alone
 * unless the due date moved, in which case the new date gets a fresh follow-up.
 */
export function planAutomaticFollowUp(
  current: { id: string; dueAt: Date; state: FollowUpState } | null,
  target: Date | null,
): AutomaticPlan {
  if (!target)
    return current && isOpen(current.state) ? { kind: 'cancel', id: current.id } : { kind: 'none' };
  if (!current) return { kind: 'create', dueAt: target };
  const same = current.dueAt.getTime() === target.getTime();
  if (isOpen(current.state)) return same ? { kind: 'none' } : { kind: 'move', id: current.id, dueAt: target };
  return same ? { kind: 'none' } : { kind: 'create', dueAt: target };
}

/**
 * Keeps a commitment's automatic follow-up at the end of its due window, inside the caller's
 * transaction: created when dueAt is set, moved when it changes, cancelled when it is removed.
 */
@Injectable()
export class AutomaticFollowUps implements DueDateFollowUps {
  constructor(private readonly auditLog: AuditService) {}

  async sync(m: EntityManager, itemId: string, by = 'system'): Promise<void> {
    const [item]: {
      kind: string;
      title: string;
      due_at: string | null;
      due_precision: DuePrecision;
      merged_into_id: string | null;
    }[] = await m.query(
      `SELECT kind, title, to_char(due_at, 'YYYY-MM-DD') AS due_at, due_precision, merged_into_id FROM items WHERE id = $1`,
      [itemId],
    );
    if (!item) return;
    const target =
      item.kind === 'commitment' && item.due_at && !item.merged_into_id
        ? dueWindowEnd(item.due_at, item.due_precision)
        : null;
    const [current]: { id: string; due_at: Date; state: FollowUpState }[] = await m.query(
      `SELECT id, due_at, state FROM follow_ups WHERE item_id = $1 AND automatic ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
      [itemId],
    );
    const plan = planAutomaticFollowUp(
      current ? { id: current.id, dueAt: current.due_at, state: current.state } : null,
      target,
    );
    const audit = (action: string, entityId: string, change: Record<string, unknown>) =>
      this.auditLog.record(m, { actor: by, action, entityType: 'follow_up', entityId, change });
    if (plan.kind === 'create') {
      const [row] = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO follow_ups (item_id, due_at, note, automatic, created_by) VALUES ($1, $2, $3, true, $4) RETURNING id`,
        [itemId, plan.dueAt, `Commitment due: ${item.title}`, by],
      );
      await audit('create', row.id, { automatic: true, dueAt: plan.dueAt });
    } else if (plan.kind === 'move') {
      await m.query(
        `UPDATE follow_ups SET due_at = $2, state = 'scheduled', notified_at = NULL, sequence = sequence + 1, updated_at = now() WHERE id = $1`,
        [plan.id, plan.dueAt],
      );
      await audit('reschedule', plan.id, { dueAt: plan.dueAt });
    } else if (plan.kind === 'cancel') {
      await m.query(
        `UPDATE follow_ups SET state = 'cancelled', sequence = sequence + 1, updated_at = now() WHERE id = $1`,
        [plan.id],
      );
      await audit('cancel', plan.id, { reason: 'item no longer has a due date' });
    }
  }
}
