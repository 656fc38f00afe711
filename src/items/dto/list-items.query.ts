import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';
import { ACTOR_ROLES, ALL_STATUSES, ITEM_KINDS } from '../status-scales';

const STATUS_LIST = new RegExp(`^(${ALL_STATUSES.join('|')})(,(${ALL_STATUSES.join('|')}))*$`);
export const ITEM_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'dueAt', '-dueAt'] as const;

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'Comma list, e.g. proposed,agreed' })
  @IsOptional() @Matches(STATUS_LIST, { message: 'status must be a comma list of statuses' })
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ enum: ACTOR_ROLES }) @IsOptional() @IsIn(ACTOR_ROLES) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(64) tag?: string;
  @ApiPropertyOptional({ enum: ITEM_SORTS, default: '-createdAt' }) @IsOptional() @IsIn(ITEM_SORTS) sort: (typeof ITEM_SORTS)[number] = '-createdAt';
}
