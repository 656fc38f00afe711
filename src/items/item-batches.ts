import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { throwIfViolations } from '../common/problem';
import { CheckedQuotes, QuoteSelectors, QuoteVerifier } from '../sources/quote-verifier';
import { DueDateFollowUps, newDueDate } from './due-date-follow-ups';
import { CreateItemDto } from './dto/item.dto';
import { newItem, originDate } from './item-create.query';
import { itemShapeViolations, unknownActorViolations } from './item-rules';
import { ItemsRepository } from './items.repository';
import { moneyViolations } from './money-rules';
import { StatusHistory } from './status-history';
import { defaultStatus } from './status-scales';

/**
 * Items whose rules and quotes held before their transaction (`ItemBatches.check`), each with the
 * selectors of its citations. A caller may leave items out before `write`.
 */
export interface CheckedItems {
  items: { dto: CreateItemDto; selectors: (QuoteSelectors | null)[] }[];
  quotes: CheckedQuotes;
}

/**
 * Many items created in the caller's transaction with the guarantees of POST /v1/items (the
 * rules, verified quotes, audit entries, one `item.created` event each, the first status interval,
 * automatic follow-ups), in a fixed number of statements however many there are: an import writes
 * its rows this way (docs/imports.md). It does not look for look-alikes (an import plans them
 * first) and takes no `candidateKey`. A violation anywhere refuses the whole batch: the caller
 * decides what to do with the rows (an import tries each row alone, to find the one at fault).
 */
@Injectable()
export class ItemBatches {
  constructor(
    private readonly quotes: QuoteVerifier,
    private readonly items: ItemsRepository,
    private readonly actors: ActorsRepository,
    private readonly dueDateFollowUps: DueDateFollowUps,
    private readonly statusHistory: StatusHistory,
  ) {}

  /**
   * Before the transaction, as POST /v1/items: the cross-field and money rules, then every quote
   * in its source's text (one read of the sources for the batch). `pending` stands for sources the
   * caller creates without text before `write` (nothing to check; it replaces the id then). Paths
   * name a field of one item (`citations.0.quote`), not which item: a batch of one says exactly where.
   */
  async check(dtos: CreateItemDto[], pending?: string): Promise<CheckedItems> {
    throwIfViolations(dtos.flatMap((dto) => [...itemShapeViolations(dto), ...moneyViolations(dto)]));
    const refs = dtos
      .flatMap((dto, d) =>
        dto.citations.map((c, i) => ({ d, i, sourceId: c.sourceId, quote: c.quote, path: `citations.${i}` })),
      )
      .filter((ref) => ref.sourceId !== pending);
    const quotes = await this.quotes.check(refs);
    throwIfViolations(quotes.violations);
    const items = dtos.map((dto) => ({
      dto,
      selectors: dto.citations.map((): QuoteSelectors | null => null),
    }));
    refs.forEach((ref, k) => (items[ref.d].selectors[ref.i] = quotes.selectors[k]));
    return { items, quotes };
  }

  /** In the caller's transaction: the items written, their ids in the order of the DTOs. */
  async write(m: EntityManager, { items, quotes }: CheckedItems, by: string): Promise<string[]> {
    if (items.length === 0) return [];
    const dtos = items.map((i) => i.dto);
    const actorIds = [...new Set(dtos.flatMap((dto) => (dto.actors ?? []).map((a) => a.actorId)))];
    if (actorIds.length > 0) {
      const found = await this.actors.existing(m, actorIds);
      throwIfViolations(dtos.flatMap((dto) => unknownActorViolations(dto.actors ?? [], found)));
    }
    const published = await this.quotes.confirmUnchanged(m, quotes);
    const made = items.map(({ dto, selectors }) => {
      const origins = dto.citations.filter((c) => c.role === 'origin');
      return {
        id: randomUUID(),
        dto,
        status: dto.status ?? defaultStatus(dto.kind),
        since: originDate(origins.map((c) => published.get(c.sourceId) ?? null)),
        selectors,
      };
    });
    await this.items.insertNew(
      m,
      made.map(({ id, dto, ...initial }) => newItem(id, dto, initial, by)),
    );
    await this.dueDateFollowUps.created(
      m,
      made.map(({ id, dto }) => newDueDate(id, dto)),
      by,
    );
    // Last, as in a single create: the status interval takes the status-delta lock until the commit.
    await this.statusHistory.start(
      m,
      made.map(({ id, status, since }) => ({ itemId: id, status, since })),
    );
    return made.map((x) => x.id);
  }
}
