import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isEmail } from 'class-validator';
import { mailDomainAllowed, mailDomains } from '../common/mail-domains';
import { invalid, ProblemError } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config';
import { assertUnderCap } from '../security/caps';
import { ItemsRepository } from '../items/items.repository';
import { assertLiveItem } from '../items/items.errors';
import { CompleteFollowUpDto, CreateFollowUpDto, ListFollowUpsQuery } from './dto/follow-up.dto';
import { addDuration, nextOccurrence, parseDuration } from './duration';
import { MAX_YEAR, parseInstant } from '../common/instant';
import { FollowUpAction, nextState } from './follow-up-state';
import { FollowUp } from './follow-up.entity';
import { FollowUpErrors } from './follow-ups.errors';
import { FollowUpsRepository } from './follow-ups.repository';

export type CompletedFollowUp = FollowUp & { next: FollowUp | null };

@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly items: ItemsRepository,
    private readonly followUps: FollowUpsRepository,
  ) {}

  async create(itemId: string, dto: CreateFollowUpDto, by: string): Promise<FollowUp> {
    const dueAt = parseInstant(dto.dueAt)!;
    const repeat = dto.repeatEvery ? parseDuration(dto.repeatEvery) : null;
    // A repeat whose next occurrence cannot be a date of this service could never be completed.
    if (repeat && !parseInstant(safeIso(addDuration(dueAt, repeat))))
      throw invalid(
        'repeatEvery',
        `the next occurrence after ${dto.dueAt} would fall after ${MAX_YEAR}`,
        FollowUpErrors.INVALID_REPEAT,
      );
    this.assertMailableDomain(dto.assignee);
    return this.db.transaction(async (m) => {
      const item = await this.items.findForShare(m, itemId);
      assertLiveItem(item, itemId, '/follow-ups');
      const open = await this.followUps.countOpenBy(m, by);
      assertUnderCap('openFollowUps', open, this.config.MAX_OPEN_FOLLOW_UPS_PER_KEY);
      const saved = await this.followUps.insert(m, {
        itemId,
        dueAt,
        note: dto.note,
        assignee: dto.assignee ?? null,
        repeatEvery: dto.repeatEvery ?? null,
        createdBy: by,
      });
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'follow_up',
        entityId: saved.id,
        change: { ...dto, itemId },
      });
      return this.get(saved.id, m);
    });
  }

  /** An assignee that is an address is mailed: with MAIL_ALLOWED_DOMAINS set, only in those domains. */
  private assertMailableDomain(assignee: string | undefined): void {
    const allowed = mailDomains(this.config.MAIL_ALLOWED_DOMAINS);
    if (assignee !== undefined && isEmail(assignee) && !mailDomainAllowed(assignee, allowed))
      throw invalid(
        'assignee',
        `reminder mail may only go to addresses in ${allowed.join(', ')} (MAIL_ALLOWED_DOMAINS)`,
        FollowUpErrors.MAIL_DOMAIN_NOT_ALLOWED,
      );
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<FollowUp> {
    const followUp = await this.followUps.findById(m, id);
    if (!followUp) throw new ProblemError(FollowUpErrors.NOT_FOUND, `Follow-up ${id} does not exist`);
    return followUp;
  }

  list(query: ListFollowUpsQuery) {
    return this.followUps.page(this.db.manager, query);
  }

  /** Done; a repeating follow-up gets its next occurrence, after now, in the same transaction. */
  async complete(id: string, dto: CompleteFollowUpDto, by: string): Promise<CompletedFollowUp> {
    const { followUp, next } = await this.transition(id, 'complete', by, async (m, current) => {
      await this.followUps.update(m, id, {
        state: 'done',
        completedAt: new Date(),
        completionNote: dto.note ?? null,
        sequence: current.sequence + 1,
      });
      const repeat = current.repeatEvery ? parseDuration(current.repeatEvery) : null;
      const nextDue = repeat ? nextOccurrence(current.dueAt, repeat, new Date()) : null;
      // A series that has run past the plausible years ends instead of failing to complete.
      if (!nextDue || !parseInstant(safeIso(nextDue))) return { change: { note: dto.note }, next: null };
      const next = await this.followUps.insert(m, {
        itemId: current.itemId,
        dueAt: nextDue,
        note: current.note,
        assignee: current.assignee,
        repeatEvery: current.repeatEvery,
        automatic: current.automatic,
        createdBy: by,
      });
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'follow_up',
        entityId: next.id,
        change: { repeatOf: id, dueAt: next.dueAt },
      });
      return { change: { note: dto.note, nextId: next.id }, next: await this.get(next.id, m) };
    });
    return Object.assign(followUp, { next });
  }

  /** Back to scheduled at a later time; its reminder will go out again then. */
  async snooze(id: string, until: string, by: string): Promise<FollowUp> {
    const at = new Date(until);
    if (at.getTime() <= Date.now())
      throw invalid('until', 'must be in the future', FollowUpErrors.SNOOZE_IN_PAST);
    const { followUp } = await this.transition(id, 'snooze', by, async (m, current) => {
      await this.followUps.update(m, id, {
        state: 'scheduled',
        dueAt: at,
        notifiedAt: null,
        sequence: current.sequence + 1,
      });
      return { change: { until }, next: null };
    });
    return followUp;
  }

  async cancel(id: string, by: string): Promise<FollowUp> {
    const { followUp } = await this.transition(id, 'cancel', by, async (m, current) => {
      await this.followUps.update(m, id, { state: 'cancelled', sequence: current.sequence + 1 });
      return { change: {}, next: null };
    });
    return followUp;
  }

  /**
   * Locks the row (the scheduler skips locked rows), checks the state machine, applies the
   * change and records it, all in one transaction: two racing requests cannot both succeed.
   */
  private async transition(
    id: string,
    action: FollowUpAction,
    by: string,
    apply: (
      m: EntityManager,
      current: FollowUp,
    ) => Promise<{ change: Record<string, unknown>; next: FollowUp | null }>,
  ): Promise<{ followUp: FollowUp; next: FollowUp | null }> {
    return this.db.transaction(async (m) => {
      const current = await this.followUps.lock(m, id);
      if (!current) throw new ProblemError(FollowUpErrors.NOT_FOUND, `Follow-up ${id} does not exist`);
      if (!nextState(current.state, action)) {
        throw new ProblemError(
          FollowUpErrors.INVALID_TRANSITION,
          `Cannot ${action} a follow-up that is ${current.state}`,
          { state: current.state },
        );
      }
      const { change, next } = await apply(m, current);
      await this.audit.record(m, { actor: by, action, entityType: 'follow_up', entityId: id, change });
      return { followUp: await this.get(id, m), next };
    });
  }
}

/** An ISO string for a date that may be out of range (Invalid Date → ''). */
function safeIso(at: Date): string {
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}
