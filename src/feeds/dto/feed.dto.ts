import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsLine } from '../../common/validators';
import { ITEM_KINDS } from '../../items/status-scales';
import { FEED_KINDS, FeedKind } from '../feed.entity';

export class CreateFeedDto {
  @ApiProperty({
    enum: FEED_KINDS,
    description:
      'follow-ups: a calendar (.ics) of follow-ups; changes: an Atom feed (.atom) of new items and status changes',
  })
  @IsIn(FEED_KINDS)
  kind: FeedKind;

  @ApiPropertyOptional({
    description: 'follow-ups only: follow-ups assigned to this (one line: no control characters)',
    example: 'desk-ukraine',
  })
  @IsOptional()
  @IsLine(200)
  assignee?: string;

  @ApiPropertyOptional({
    description: 'Items carrying this tag (one line: no control characters)',
    example: 'military-aid',
  })
  @IsOptional()
  @IsLine(64)
  tag?: string;

  @ApiPropertyOptional({ description: 'follow-ups only: the follow-ups of one item' })
  @IsOptional()
  @IsUUID()
  itemId?: string;

  @ApiPropertyOptional({ description: 'changes only: items with this actor' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ITEM_KINDS, description: 'changes only: claims or commitments' })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  itemKind?: string;
}
