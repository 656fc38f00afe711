import { INSTANT_SCHEMA, ToInstant } from '../../common/instant';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';
import { ACTOR_ROLES, type ActorRole, ALL_STATUSES, ITEM_KINDS, type ItemKind } from '../status-scales';
import { IsDateOnly } from '../../common/validators';
import { RANKED_HITS } from '../search.query';

const RANKED = RANKED_HITS.toLocaleString('en');

const STATUS_LIST = new RegExp(`^(${ALL_STATUSES.join('|')})(,(${ALL_STATUSES.join('|')}))*$`);
/** `relevance` (best match first) is the default, and only allowed, order with `q`. */
export const ITEM_SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'dueAt',
  '-dueAt',
  'relevance',
] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

/** Every filter of the item list; the export takes the same ones. */
export class ItemFilterQuery {
  @ApiPropertyOptional({ enum: ITEM_KINDS }) @IsOptional() @IsIn(ITEM_KINDS) kind?: ItemKind;
  @ApiPropertyOptional({ description: 'Comma list, e.g. proposed,agreed' })
  @IsOptional()
  @Matches(STATUS_LIST, { message: 'status must be a comma list of statuses' })
  status?: string;
  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    description:
      'With status: filter on the status as it stood at this time (ISO 8601 with zone, or a date); each item then carries `statusAsOf`',
  })
  @IsOptional()
  @ToInstant()
  asOf?: Date;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ enum: ACTOR_ROLES }) @IsOptional() @IsIn(ACTOR_ROLES) role?: ActorRole;
  @ApiPropertyOptional() @IsOptional() @IsText(64) tag?: string;
  @ApiPropertyOptional({
    description:
      'Full text over title, statement and citation quotes (French and English stemming, accent-insensitive). ' +
      `Best match first when at most ${RANKED} texts match (a title and statement count as one text, each quote as one); ` +
      'a broader query lists its matches newest first. Later pages keep the order of the first.',
  })
  @IsOptional()
  @IsText(200)
  q?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsDateOnly()
  dueBefore?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsDateOnly()
  dueAfter?: string;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 36500,
    description: 'No update effective in the last N days',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36500)
  staleDays?: number;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: items with a citation whose passage has left its source’s live page (found by a recheck)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  sourceChanged?: 'true' | 'false';
  @ApiPropertyOptional({
    enum: ITEM_SORTS,
    description:
      'Default -createdAt, or relevance with q (newest first when q matches more than 5,000 texts)',
  })
  @IsOptional()
  @IsIn(ITEM_SORTS)
  sort?: ItemSort;
}

export class ListItemsQuery extends IntersectionType(ItemFilterQuery, PageQuery) {}
