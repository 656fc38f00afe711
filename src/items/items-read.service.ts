import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CHANGES_CHANNEL } from '../common/conditional/change-counter';
import { NotifiedCache } from '../common/notified-cache';
import { Page } from '../common/pagination';
import { DatabaseListener } from '../database/listener';
import { citedSources, claimReviewDocument } from './claim-review';
import { ItemFilterQuery, ListItemsQuery } from './dto/list-items.query';
import { exportItems, ExportOptions } from './export';
import { listItems } from './items.query';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';

/** Items read in bulk or in other shapes: the list, the streamed export, ClaimReview markup. */
@Injectable()
export class ItemsReadService implements OnModuleInit {
  /** Whether each recent `q` was broad (search.query.ts), until a write is notified (5 s at most). */
  private readonly broadQueries: NotifiedCache<boolean>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsService,
    private readonly listener: DatabaseListener,
  ) {
    this.broadQueries = new NotifiedCache<boolean>({
      ttlMs: 5000,
      maxEntries: 1000,
      trusted: () => listener.listening,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.subscribe(CHANGES_CHANNEL, this.broadQueries);
  }

  list(query: ListItemsQuery): Promise<Page<ItemView>> {
    return listItems(this.db.manager, query, this.broadQueries);
  }

  export(filters: ItemFilterQuery, options: ExportOptions): Promise<Readable> {
    return exportItems(this.db, filters, options);
  }

  async claimReview(id: string, baseUrl: string, reviewUrl?: string): Promise<Record<string, unknown>> {
    const item = await this.items.get(id);
    return claimReviewDocument(item, await citedSources(this.db.manager, id), baseUrl, reviewUrl);
  }
}
