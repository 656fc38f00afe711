import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, ProblemError, throwIfViolations, Violation } from '../common/problem';
import { QuoteVerifier } from '../sources/quote-verifier';
import { StatusHistory } from './status-history';
import { DueDateFollowUps, newDueDate } from './due-date-follow-ups';
import { CreateItemDto, UpdateItemDto } from './dto/item.dto';
import { ItemActorDto } from './dto/item-parts.dto';
import { itemShapeViolations, unknownActorViolations } from './item-rules';
import { moneyViolations } from './money-rules';
import { patchChanges, patchViolations } from './item-patch';
import { assertLiveItem, itemNotFound } from './items.errors';
import { ItemsRepository } from './items.repository';
import { newItem, originDate, uniqueActors } from './item-create.query';
import { itemDetailView, ItemView } from './items.view';
import { itemEtag } from './item-etag';
import { SimilarItem, SimilarItems } from './similar';
import { defaultStatus, ItemStatus } from './status-scales';
import { ActorsRepository } from '../actors/actors.repository';
import { CandidateAcceptance } from './candidate-acceptance';

/** GET /:id?asOf=T: status and statusSince as they stood then; both null before the item's history starts. */
export type ItemAsOfView = Omit<ItemView, 'status' | 'statusSince'> & {
  asOf: Date;
  status: ItemStatus | null;
  statusSince: Date | null;
};

/** More work of the caller's inside a write's transaction, given the item's id. */
export type Within = (m: EntityManager, itemId: string) => Promise<void>;

@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly similar: SimilarItems,
    private readonly statusHistory: StatusHistory,
    private readonly quotes: QuoteVerifier,
    private readonly dueDateFollowUps: DueDateFollowUps,
    private readonly items: ItemsRepository,
    private readonly actors: ActorsRepository,
    private readonly candidates: CandidateAcceptance,
  ) {}

  /**
   * The new item, with look-alikes found just before its transaction as hints (`possibleDuplicates`).
   * Its transaction is three statements: the cited sources locked, the rows written (one statement,
   * ItemsRepository.insertNew), its first status interval with the item read back (plus the
   * actors' check, an automatic follow-up, the candidate's acceptance when it has them). An import writes
   * many items at once through ItemBatches instead.
   */
  async create(dto: CreateItemDto, by: string): Promise<ItemView & { possibleDuplicates: SimilarItem[] }> {
    const { kind } = dto;
    throwIfViolations([...itemShapeViolations({ ...dto, kind }), ...moneyViolations(dto)]);
    // Look-alikes are hints read before the write, on their own connection while the quotes are checked.
    const [quotes, possibleDuplicates] = await Promise.all([
      this.quotes.check(
        dto.citations.map((c, i) => ({ sourceId: c.sourceId, quote: c.quote, path: `citations.${i}` })),
      ),
      this.similar.hintsFor(this.db.manager, {
        ...dto,
        amountValue: dto.amount?.value ?? null,
        amountCurrency: dto.amount?.currency ?? null,
        duePrecision: dto.duePrecision ?? 'day',
      }),
    ]);
    const origin = dto.citations.find((c) => c.role === 'origin');
    // Only once the citations hold: a candidate is looked for in an existing source's text.
    const candidate =
      dto.candidateKey && origin && quotes.violations.length === 0
        ? await this.candidates.find(origin.sourceId, dto.candidateKey, by)
        : null;
    return this.db.transaction(async (m) => {
      throwIfViolations(await this.unknownActors(m, dto.actors ?? []));
      throwIfViolations(quotes.violations);
      const published = await this.quotes.confirmUnchanged(m, quotes);
      const id = randomUUID();
      const status = dto.status ?? defaultStatus(kind);
      const statusSince = originDate(
        dto.citations.filter((c) => c.role === 'origin').map((c) => published.get(c.sourceId) ?? null),
      );
      await this.items.insertNew(m, [
        newItem(id, dto, { status, since: statusSince, selectors: quotes.selectors }, by),
      ]);
      await this.dueDateFollowUps.created(m, [newDueDate(id, dto)], by);
      if (candidate) await this.candidates.accept(m, candidate, id, by);
      // Last, with the read-back in the same statement: writing the status interval takes the
      // status-delta lock, held until the commit, so concurrent creates wait on each other for as
      // short a time as possible.
      const row = await this.statusHistory.startAndRead(m, { itemId: id, status, since: statusSince });
      assertLiveItem(row, id);
      return { ...itemDetailView(row), possibleDuplicates };
    });
  }

  /** The full item; a merged item answers with a redirect to its survivor. */
  async get(id: string): Promise<ItemView> {
    return this.view(this.db.manager, id);
  }

  /** The item with `status` and `statusSince` as they stood at effective time `at`; both null before its history starts. */
  async getAsOf(id: string, at: Date): Promise<ItemAsOfView> {
    const view = await this.view(this.db.manager, id, at);
    const then = await this.statusHistory.asOf(this.db.manager, id, at);
    return { ...view, asOf: at, status: then?.status ?? null, statusSince: then?.since ?? null };
  }

  /**
   * PATCH with optimistic concurrency enforced by the UPDATE itself (`WHERE version = $n`):
   * of two racing writers exactly one matches; the other writes nothing and gets 412.
   */
  async update(
    id: string,
    dto: UpdateItemDto,
    expectedVersions: number[] | undefined,
    by: string,
    within?: Within,
  ): Promise<ItemView> {
    return this.db.transaction(async (m) => {
      const current = await this.items.findById(m, id);
      if (current?.mergedIntoId === id) assertLiveItem(current, id); // discarded: 410
      if (!current || current.mergedIntoId) throw itemNotFound(id);
      throwIfViolations(patchViolations(current, dto));
      if (dto.actors) throwIfViolations(await this.unknownActors(m, dto.actors));
      const affected = await this.items.bumpVersion(m, id, expectedVersions, patchChanges(dto));
      if (affected === 0)
        throw new ProblemError(
          CommonErrors.PRECONDITION_FAILED,
          `Item ${id} is at version ${current.version}, not ${expectedVersions?.join(' or ')}`,
          { currentVersion: current.version },
        );
      if (dto.actors) {
        await this.items.deleteActors(m, id);
        await this.saveActors(m, id, dto.actors);
      }
      await this.audit.record(m, {
        actor: by,
        action: 'update',
        entityType: 'item',
        entityId: id,
        change: { ...dto },
      });
      await this.dueDateFollowUps.sync(m, id, by);
      await within?.(m, id);
      return this.view(m, id);
    });
  }

  /**
   * The full item, read in one round trip; a merged item answers with a redirect to its survivor.
   * With `asOf`, its latest progress and achieved figure are those effective by then.
   */
  async view(m: EntityManager, id: string, asOf?: Date): Promise<ItemView> {
    const row = await this.items.detail(m, id, asOf);
    assertLiveItem(row, id);
    return itemDetailView(row);
  }

  /** The item's ETag when it is live (not merged or discarded): what a conditional GET compares. */
  async liveEtag(id: string): Promise<string | null> {
    const row = await this.items.liveTag(this.db.manager, id);
    return row ? itemEtag(row.version, row.stamp) : null;
  }

  private async unknownActors(m: EntityManager, actors: ItemActorDto[]): Promise<Violation[]> {
    const ids = dedupe(actors.map((a) => a.actorId));
    return ids.length === 0 ? [] : unknownActorViolations(actors, await this.actors.existing(m, ids));
  }

  private async saveActors(m: EntityManager, itemId: string, actors: ItemActorDto[]): Promise<void> {
    if (actors.length === 0) return;
    await this.items.insertActors(
      m,
      uniqueActors(actors).map((a) => ({ itemId, ...a })),
    );
  }
}

function dedupe<T>(values: T[]): T[] {
  return [...new Set(values)];
}
