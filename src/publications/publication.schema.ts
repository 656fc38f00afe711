import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PublicFilterDto } from './dto/create-publication.dto';

@ApiSchema({ name: 'Publication' })
export class PublicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'aid-to-ukraine' }) slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: PublicFilterDto }) filter: PublicFilterDto;
  @ApiProperty({ type: String, enum: ['en', 'fr'], nullable: true }) language: 'en' | 'fr' | null;
  @ApiProperty({
    example: '/p/aid-to-ukraine',
    description: 'The public page (no key needed); .json and /embed beside it',
  })
  url: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
}

/** A passage shown on a public page: the quote and where it was published. */
export interface PublicPassage {
  quote: string | null;
  source: { title: string; url: string | null; publisher: string | null };
}

/** An item as a public page shows it: public fields only. */
export interface PublicItem {
  id: string;
  kind: string;
  title: string;
  statement: string;
  status: string;
  statusSince: string;
  actors: { name: string; role: string }[];
  amount: { value: string; currency: string; qualifier?: string; valueMax?: string } | null;
  dueAt: string | null;
  origin: PublicPassage | null;
  timeline: { status: string | null; effectiveAt: string; evidence: PublicPassage[] }[];
}

/** /p/<slug>.json, and what the HTML pages render. */
export interface PublicPage {
  slug: string;
  title: string;
  description: string | null;
  tally: Record<string, number>;
  totals: { currency: string; pledged: string }[];
  /** More items match than a page shows (the newest PAGE_ITEMS are shown). */
  truncated: boolean;
  items: PublicItem[];
}
