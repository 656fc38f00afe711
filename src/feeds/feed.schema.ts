import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { FEED_KINDS, type Feed, type FeedKind } from './feed.entity';

@ApiSchema({ name: 'Feed' })
export class FeedSchema implements Omit<Feed, 'tokenHash' | 'revokedAt'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FEED_KINDS }) kind: FeedKind;
  @ApiProperty({ description: 'The first characters of the token, to tell feeds apart' }) tokenPrefix: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ type: String, nullable: true }) tag: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) itemId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) itemKind: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
}

@ApiSchema({ name: 'CreatedFeed' })
export class CreatedFeedSchema extends FeedSchema {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The secret token, shown once (null in an idempotent replay)',
  })
  token: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The subscription URL (/feeds/<token>.ics or .atom), holding the token; null in a replay',
  })
  feedUrl: string | null;
}
