import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Page } from '../common/pagination';
import { citedSources, claimReviewDocument } from './claim-review';
import { ItemFilterQuery, ListItemsQuery } from './dto/list-items.query';
import { ExportFormat, exportItems } from './export';
import { listItems } from './items.query';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';

/** Items read in bulk or in other shapes: the list, the streamed export, ClaimReview markup. */
@Injectable()
export class ItemsReadService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsService,
  ) {}

  list(query: ListItemsQuery): Promise<Page<ItemView>> {
    return listItems(this.db.manager, query);
  }

  export(filters: ItemFilterQuery, format: ExportFormat): Promise<Readable> {
    return exportItems(this.db, filters, format);
  }

  async claimReview(id: string, baseUrl: string): Promise<Record<string, unknown>> {
    const item = await this.items.get(id);
    return claimReviewDocument(item, await citedSources(this.db.manager, id), baseUrl);
  }
}
