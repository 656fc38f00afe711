import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, ProblemError, throwIfViolations } from '../common/problem';
import { QuoteVerifier } from '../sources/quote-verifier';
import { AddCitationDto } from './dto/citation.dto';
import { DueDateFollowUps } from './due-date-follow-ups';
import { ItemEditsRepository } from './item-edits.repository';
import { assertLiveItem, ItemErrors, itemNotFound } from './items.errors';
import { ItemsRepository } from './items.repository';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';

/**
 * Mistakes are cheap (issue #24): citations added to an item after it was logged and removed
 * again, and an item discarded and restored. Each is one transaction with its audit entry, and
 * bumps the item's version.
 */
@Injectable()
export class ItemEditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly quotes: QuoteVerifier,
    private readonly items: ItemsService,
    private readonly rows: ItemsRepository,
    private readonly edits: ItemEditsRepository,
    private readonly dueDateFollowUps: DueDateFollowUps,
  ) {}

  /** A support, contradict or context citation from any source; its quote is checked like every citation's. */
  async addCitation(
    id: string,
    dto: AddCitationDto,
    expectedVersions: number[] | undefined,
    by: string,
  ): Promise<ItemView> {
    const quotes = await this.quotes.check([{ sourceId: dto.sourceId, quote: dto.quote, path: '' }]);
    // The body is one citation: its fields are named at the top level.
    const violations = quotes.violations.map((v) => ({ ...v, path: v.path.replace(/^\./, '') }));
    return this.db.transaction(async (m) => {
      await this.bump(m, id, '/citations', expectedVersions);
      throwIfViolations(violations);
      await this.quotes.confirmUnchanged(m, quotes);
      await this.edits.insertCitations(m, [
        {
          itemId: id,
          sourceId: dto.sourceId,
          role: dto.role,
          language: dto.language ?? null,
          quote: dto.quote,
          translation: dto.translation ?? null,
          selectors: quotes.selectors[0],
          createdBy: by,
        },
      ]);
      await this.audit.record(m, {
        actor: by,
        action: 'citation.add',
        entityType: 'item',
        entityId: id,
        change: { ...dto },
      });
      return this.items.view(m, id);
    });
  }

  /** Removes a citation that is not an origin citation (409 for those: they are where the item comes from). */
  async removeCitation(
    id: string,
    citationId: string,
    expectedVersions: number[] | undefined,
    by: string,
  ): Promise<ItemView> {
    return this.db.transaction(async (m) => {
      await this.bump(m, id, `/citations/${citationId}`, expectedVersions);
      const citation = await this.edits.citation(m, id, citationId);
      if (!citation)
        throw new ProblemError(ItemErrors.CITATION_NOT_FOUND, `Item ${id} has no citation ${citationId}`);
      if (citation.role === 'origin')
        throw new ProblemError(
          ItemErrors.ORIGIN_CITATION_KEPT,
          `Citation ${citationId} is the origin of item ${id}; merge or discard the item instead`,
        );
      await this.edits.deleteCitation(m, citationId);
      await this.audit.record(m, {
        actor: by,
        action: 'citation.remove',
        entityType: 'item',
        entityId: id,
        change: { citationId },
      });
      return this.items.view(m, id);
    });
  }

  /** Discards an item recorded by mistake: it leaves lists, stats, feeds, similar and exports; GET answers 410. */
  async discard(id: string, expectedVersions: number[] | undefined, by: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await this.edits.lockRow(m, id);
      assertLiveItem(row, id);
      if ((await this.edits.discard(m, id, expectedVersions, by)) === 0)
        throw stale(id, row.version, expectedVersions);
      await this.audit.record(m, {
        actor: by,
        action: 'discard',
        entityType: 'item',
        entityId: id,
        change: {},
      });
      // Its automatic follow-up is cancelled (a discarded item is due nowhere); a restore brings it back.
      await this.dueDateFollowUps.sync(m, id, by);
    });
  }

  /** Brings a discarded item back as it was (admin). */
  async restore(id: string, by: string): Promise<ItemView> {
    return this.db.transaction(async (m) => {
      const row = await this.edits.lockRow(m, id);
      if (!row) throw itemNotFound(id);
      if (row.mergedIntoId !== id)
        throw new ProblemError(
          ItemErrors.NOT_DISCARDED,
          row.mergedIntoId
            ? `Item ${id} was merged into ${row.mergedIntoId}, not discarded`
            : `Item ${id} is not discarded`,
        );
      await this.edits.restore(m, id);
      await this.audit.record(m, {
        actor: by,
        action: 'restore',
        entityType: 'item',
        entityId: id,
        change: { discardedAt: row.discardedAt, discardedBy: row.discardedBy },
      });
      await this.dueDateFollowUps.sync(m, id, by);
      return this.items.view(m, id);
    });
  }

  /** Locks the live item and bumps its version (from one of `expectedVersions` when given): 412 when stale. */
  private async bump(m: EntityManager, id: string, subPath: string, expectedVersions: number[] | undefined) {
    const row = await this.edits.lockRow(m, id);
    assertLiveItem(row, id, subPath);
    if ((await this.rows.bumpVersion(m, id, expectedVersions)) === 0)
      throw stale(id, row.version, expectedVersions);
  }
}

function stale(id: string, version: number, expected: number[] | undefined): ProblemError {
  return new ProblemError(
    CommonErrors.PRECONDITION_FAILED,
    `Item ${id} is at version ${version}, not ${expected?.join(' or ')}`,
    { currentVersion: version },
  );
}
