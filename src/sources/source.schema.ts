import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Source } from './source.entity';
import { LIVE_STATUSES } from './source-kinds';

@ApiSchema({ name: 'Source' })
export class SourceSchema implements Omit<Source, 'text'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'As sent' }) url: string;
  @ApiProperty({ description: 'Lower-case scheme and host, no fragment, no utm_* parameters' })
  canonicalUrl: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) publisher: string | null;
  @ApiProperty({ type: String, nullable: true }) author: string | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty({ example: 'fr' }) language: string;
  @ApiProperty({ example: 'news_article' }) kind: string;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the text; null without text' })
  contentHash: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'application/pdf',
    description:
      "What the text was extracted from (`text/html`, `application/pdf`); null for a text sent as is. A PDF's text separates its pages with form feeds (`\\f`).",
  })
  mediaType: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: LIVE_STATUSES,
    description:
      'What the last recheck of the URL found: the archived copy `unchanged`, `changed`, `gone` (404/410), or `unreachable` after repeated failures; null before the first',
  })
  liveStatus: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'When the URL was last rechecked' })
  checkedAt: Date | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

@ApiSchema({ name: 'SourceText' })
export class SourceTextSchema {
  @ApiProperty({ type: String, nullable: true }) text: string | null;
}
