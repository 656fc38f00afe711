import { Module } from '@nestjs/common';
import { ItemsRepository } from './items.repository';

/**
 * ItemsRepository alone, for the features that write items' rows in their own transactions
 * (follow-ups) without the items API: the worker boots follow-ups but not ItemsModule.
 */
@Module({ providers: [ItemsRepository], exports: [ItemsRepository] })
export class ItemsRepositoryModule {}
