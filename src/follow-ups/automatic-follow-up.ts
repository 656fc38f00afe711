import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DueDateFollowUps, NewDueDate } from '../items/due-date-follow-ups';
import { dueWindowEnd } from '../items/due-window';
import { ItemUpdatesRepository } from '../items/item-updates.repository';
import { FollowUpState, isOpen } from './follow-up-state';
import { FollowUpsRepository } from './follow-ups.repository';

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
  constructor(
    private readonly auditLog: AuditService,
    private readonly items: ItemUpdatesRepository,
    private readonly followUps: FollowUpsRepository,
  ) {}

  /**
   * New items have no follow-up yet: only a commitment with a due date gets one (the plan for
   * none). Those are written together, two statements however many (an import's batch).
   */
  async created(m: EntityManager, items: NewDueDate[], by: string): Promise<void> {
    const due = items.flatMap((item) => {
      const target =
        item.kind === 'commitment' && item.dueAt ? dueWindowEnd(item.dueAt, item.duePrecision) : null;
      const plan = planAutomaticFollowUp(null, target);
      return plan.kind === 'create' ? [{ itemId: item.id, title: item.title, dueAt: plan.dueAt }] : [];
    });
    await this.createAutomatic(m, due, by);
  }

  async sync(m: EntityManager, itemId: string, by = 'system'): Promise<void> {
    await this.syncMany(m, [itemId], by);
  }

  /**
   * `sync` of many items in a few statements however many: their due dates and latest automatic
   * follow-ups read, then the new, moved and cancelled follow-ups written, each kind with its audit
   * entries.
   */
  async syncMany(m: EntityManager, itemIds: string[], by = 'system'): Promise<void> {
    if (itemIds.length === 0) return;
    const latest = new Map((await this.followUps.latestAutomaticOf(m, itemIds)).map((f) => [f.item_id, f]));
    const creates: { itemId: string; title: string; dueAt: Date }[] = [];
    const moves: { id: string; dueAt: Date }[] = [];
    const cancels: string[] = [];
    for (const item of await this.items.dueDates(m, itemIds)) {
      const target =
        item.kind === 'commitment' && item.due_at && !item.merged_into_id
          ? dueWindowEnd(item.due_at, item.due_precision)
          : null;
      const current = latest.get(item.id);
      const plan = planAutomaticFollowUp(
        current ? { id: current.id, dueAt: current.due_at, state: current.state } : null,
        target,
      );
      if (plan.kind === 'create') creates.push({ itemId: item.id, title: item.title, dueAt: plan.dueAt });
      else if (plan.kind === 'move') moves.push({ id: plan.id, dueAt: plan.dueAt });
      else if (plan.kind === 'cancel') cancels.push(plan.id);
    }
    const audit = (action: string, entityId: string, change: Record<string, unknown>) => ({
      actor: by,
      action,
      entityType: 'follow_up',
      entityId,
      change,
    });
    await this.followUps.reschedule(m, moves);
    await this.followUps.cancel(m, cancels);
    await this.auditLog.recordMany(m, [
      ...moves.map((mv) => audit('reschedule', mv.id, { dueAt: mv.dueAt })),
      ...cancels.map((id) => audit('cancel', id, { reason: 'item no longer has a due date' })),
    ]);
    await this.createAutomatic(m, creates, by);
  }

  /** Automatic follow-ups with their audit entries: two statements, however many (none for none). */
  private async createAutomatic(
    m: EntityManager,
    due: { itemId: string; title: string; dueAt: Date }[],
    by: string,
  ): Promise<void> {
    if (due.length === 0) return;
    const ids = await this.followUps.insertAutomatic(
      m,
      due.map((d) => ({ itemId: d.itemId, dueAt: d.dueAt, note: `Commitment due: ${d.title}` })),
      by,
    );
    await this.auditLog.recordMany(
      m,
      due.map((d, i) => ({
        actor: by,
        action: 'create',
        entityType: 'follow_up',
        entityId: ids[i],
        change: { automatic: true, dueAt: d.dueAt },
      })),
    );
  }

  async moveToSurvivor(
    m: EntityManager,
    itemId: string,
    intoId: string,
  ): Promise<{ followUps: number; cancelledAutomaticFollowUps: number }> {
    return {
      followUps: await this.followUps.moveOwnToItem(m, itemId, intoId),
      cancelledAutomaticFollowUps: await this.followUps.cancelOpenAutomatic(m, itemId),
    };
  }
}
