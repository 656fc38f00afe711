import { Module } from '@nestjs/common';
import { ItemEditsRepository } from './item-edits.repository';
import { ItemsRepository } from './items.repository';

/**
 * ItemsRepository (and ItemEditsRepository, which candidates read) alone, for the features that write items' rows in their own transactions
 * (follow-ups) without the items API: the worker boots follow-ups but not ItemsModule.
 */
@Module({
  providers: [ItemsRepository, ItemEditsRepository],
  exports: [ItemsRepository, ItemEditsRepository],
})
export class ItemsRepositoryModule {}
