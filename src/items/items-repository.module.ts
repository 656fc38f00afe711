import { Module } from '@nestjs/common';
import { ItemsRepository } from './items.repository';
import { LiveCitationsRepository } from './live-citations.repository';

/**
 * ItemsRepository alone, for the features that write items' rows in their own transactions
 * (follow-ups, source rechecks) without the items API: the worker boots them but not ItemsModule.
 */
@Module({
  providers: [ItemsRepository, LiveCitationsRepository],
  exports: [ItemsRepository, LiveCitationsRepository],
})
export class ItemsRepositoryModule {}
