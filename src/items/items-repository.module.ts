import { Module } from '@nestjs/common';
import { ItemEditsRepository } from './item-edits.repository';
import { ItemUpdatesRepository } from './item-updates.repository';
import { ItemsRepository } from './items.repository';
import { LiveCitationsRepository } from './live-citations.repository';

/**
 * ItemsRepository (and ItemUpdatesRepository, its batched PATCHes; ItemEditsRepository, which candidates read; LiveCitationsRepository, which
 * source rechecks write) alone, for the features that write items' rows in their own transactions
 * (follow-ups, source rechecks) without the items API: the worker boots them but not ItemsModule.
 */
@Module({
  providers: [ItemsRepository, ItemUpdatesRepository, ItemEditsRepository, LiveCitationsRepository],
  exports: [ItemsRepository, ItemUpdatesRepository, ItemEditsRepository, LiveCitationsRepository],
})
export class ItemsRepositoryModule {}
