import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ACTOR_KINDS, type ActorKind } from '../actors/actor-kinds';
import type { QuoteSelectors } from '../sources/quote-verifier';
import { DUE_PRECISIONS, type DuePrecision } from './due-window';
import type { SimilarItem } from './similar';
import type { Signals } from './similarity/score';
import {
  ACTOR_ROLES,
  type ActorRole,
  ALL_STATUSES,
  CITATION_ROLES,
  type CitationRole,
  ITEM_KINDS,
  type ItemKind,
  type ItemStatus,
  QUALIFIERS,
  type Qualifier,
  PROGRESS_STAGES,
  type ProgressStage,
  RECURRENCES,
  type Recurrence,
  TARGET_UNITS,
  type TargetUnit,
} from './status-scales';
import type { ItemView } from './items.view';

/** Response schemas of the items routes; each `implements` the type the code returns, so they cannot drift apart silently. */

@ApiSchema({ name: 'Money' })
export class MoneySchema {
  @ApiProperty({ example: '12500000000', description: 'Decimal string, never a float' }) value: string;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' }) currency: string;
}

@ApiSchema({ name: 'Amount' })
export class AmountSchema extends MoneySchema {
  @ApiProperty({ enum: QUALIFIERS }) qualifier: Qualifier;
  @ApiPropertyOptional({ description: 'Upper bound of a range (qualifier between)' }) valueMax?: string;
}

class ScheduleEntrySchema {
  @ApiProperty({ example: '2025' }) period: string;
  @ApiProperty({ type: AmountSchema }) amount: AmountSchema;
}

class TargetSchema {
  @ApiProperty({ example: '5' }) value: string;
  @ApiProperty({ enum: TARGET_UNITS }) unit: TargetUnit;
  @ApiProperty({ type: String, nullable: true, example: 'F-16 jets' }) label: string | null;
}

class LatestAchievedSchema {
  @ApiProperty() value: string;
  @ApiProperty({ enum: TARGET_UNITS }) unit: TargetUnit;
  @ApiProperty() effectiveAt: Date;
  @ApiProperty({ format: 'uuid' }) updateId: string;
}

@ApiSchema({ name: 'ItemActor' })
export class ItemActorSchema {
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTOR_KINDS }) kind: ActorKind;
  @ApiProperty({ enum: ACTOR_ROLES }) role: ActorRole;
}

class TextQuoteSelectorSchema {
  @ApiProperty({ enum: ['TextQuoteSelector'] }) type: 'TextQuoteSelector';
  @ApiProperty() exact: string;
  @ApiProperty() prefix: string;
  @ApiProperty() suffix: string;
}

class TextPositionSelectorSchema {
  @ApiProperty({ enum: ['TextPositionSelector'] }) type: 'TextPositionSelector';
  @ApiProperty({ type: 'integer' }) start: number;
  @ApiProperty({ type: 'integer' }) end: number;
}

/** W3C Web Annotation selectors of a quote found in its source's text. */
@ApiSchema({ name: 'QuoteSelectors' })
export class QuoteSelectorsSchema implements QuoteSelectors {
  @ApiProperty() textQuote: TextQuoteSelectorSchema;
  @ApiProperty() textPosition: TextPositionSelectorSchema;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'In a source with pages (a PDF): the page the quote starts on',
  })
  page?: number;
}

@ApiSchema({ name: 'Citation' })
export class CitationSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ enum: CITATION_ROLES }) role: CitationRole;
  @ApiProperty({ type: String, nullable: true }) language: string | null;
  @ApiProperty() quote: string;
  @ApiProperty({ type: String, nullable: true }) translation: string | null;
  @ApiProperty({
    type: QuoteSelectorsSchema,
    nullable: true,
    description: 'Null when the source has no text',
  })
  selectors: QuoteSelectors | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    description: 'The page of the source the quote starts on, for a source with pages (a PDF); else null',
  })
  page?: number | null;
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'Whether the passage is still on the live page at the last recheck; null before one',
  })
  stillPresent?: boolean | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
}

class LatestProgressSchema {
  @ApiProperty({ format: 'uuid' }) updateId: string;
  @ApiProperty() effectiveAt: Date;
  @ApiProperty({ type: MoneySchema, nullable: true }) delivered: MoneySchema | null;
  @ApiProperty({ type: String, nullable: true, example: '2024' }) period: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 100,
    description: 'A share, as on updates',
  })
  percent: number | null;
  @ApiProperty({ enum: PROGRESS_STAGES }) stage: ProgressStage;
}

class NextFollowUpSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty() note: string;
  @ApiProperty({ enum: ['scheduled', 'notified'] }) state: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
}

/** An item as lists show it. */
@ApiSchema({ name: 'Item' })
export class ItemSchema implements ItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: ItemKind;
  @ApiProperty() title: string;
  @ApiProperty() statement: string;
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [ItemActorSchema] }) actors: ItemActorSchema[];
  @ApiProperty({ type: AmountSchema, nullable: true }) amount: AmountSchema | null;
  @ApiProperty({ type: [ScheduleEntrySchema], nullable: true, description: 'A different amount per period' })
  schedule: ScheduleEntrySchema[] | null;
  @ApiProperty({ type: TargetSchema, nullable: true, description: 'A quantitative target that is not money' })
  target: TargetSchema | null;
  @ApiProperty({ enum: RECURRENCES, nullable: true, type: String }) recurrence: Recurrence | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) periodEnd: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueAt: string | null;
  @ApiProperty({ enum: DUE_PRECISIONS }) duePrecision: DuePrecision;
  @ApiProperty({ enum: ALL_STATUSES }) status: ItemStatus;
  @ApiProperty() statusSince: Date;
  @ApiPropertyOptional({
    enum: ALL_STATUSES,
    nullable: true,
    type: String,
    description:
      'Lists asked with `asOf` only: the status at that time (null before its history starts); `status` stays the current one',
  })
  statusAsOf?: ItemStatus | null;
  @ApiProperty({ enum: ALL_STATUSES }) initialStatus: ItemStatus;
  @ApiProperty({ type: 'integer', description: 'Also the ETag: "<version>"' }) version: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** One item with its citations, latest progress and next follow-up (GET /v1/items/{id}). */
@ApiSchema({ name: 'ItemDetail' })
export class ItemDetailSchema extends ItemSchema {
  @ApiProperty({ type: [CitationSchema] }) citations: CitationSchema[];
  @ApiPropertyOptional({
    description: 'A recheck found that the passage of one of its citations has left the live page',
  })
  sourceChanged?: boolean;
  @ApiProperty({ type: LatestProgressSchema, nullable: true }) latestProgress: LatestProgressSchema | null;
  @ApiProperty({
    type: LatestAchievedSchema,
    nullable: true,
    description: 'The latest achieved figure, against target',
  })
  achieved: LatestAchievedSchema | null;
  @ApiProperty({ type: NextFollowUpSchema, nullable: true }) nextFollowUp: NextFollowUpSchema | null;
}

class SignalsSchema implements Signals {
  @ApiProperty({ description: 'The same amount and currency' }) amount: boolean;
  @ApiProperty({ type: [String], description: 'Actors both name' }) actors: string[];
  @ApiProperty({ description: 'The same deadline' }) due: boolean;
  @ApiProperty({ type: [String], description: 'Shared concept keys and stems' }) words: string[];
  @ApiProperty({ minimum: 0, maximum: 1 }) trigram: number;
}

@ApiSchema({ name: 'SimilarItem' })
export class SimilarItemSchema implements SimilarItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ITEM_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ALL_STATUSES }) status: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'How alike, 1 = the same' }) score: number;
  @ApiProperty({ type: SignalsSchema, description: 'What matched' }) signals: SignalsSchema;
}

@ApiSchema({ name: 'SimilarItems' })
export class SimilarItemsSchema {
  @ApiProperty({ type: [SimilarItemSchema] }) data: SimilarItemSchema[];
}

@ApiSchema({ name: 'CreatedItem' })
export class CreatedItemSchema extends ItemDetailSchema {
  @ApiPropertyOptional({
    type: [SimilarItemSchema],
    description: 'Existing items that look like this one (hints only)',
  })
  possibleDuplicates: SimilarItemSchema[];
}

/** GET /v1/items/{id}?asOf=T: the item with its status as it stood then (null before its history starts). */
@ApiSchema({ name: 'ItemAsOf' })
export class ItemAsOfSchema extends ItemDetailSchema {
  @ApiProperty() asOf: Date;
  @ApiProperty({ enum: ALL_STATUSES, nullable: true, type: String }) declare status: ItemStatus;
  @ApiProperty({ type: Date, nullable: true }) declare statusSince: Date;
}

class ClaimReviewRatingSchema {
  @ApiProperty({ enum: ['Rating'] }) '@type': string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) ratingValue: number;
  @ApiProperty({ type: 'integer', enum: [4] }) bestRating: number;
  @ApiProperty({ type: 'integer', enum: [1] }) worstRating: number;
  @ApiProperty({ example: 'Refuted' }) alternateName: string;
}

/** schema.org ClaimReview as Google reads it; `itemReviewed` is the schema.org Claim. */
@ApiSchema({ name: 'ClaimReview' })
export class ClaimReviewSchema {
  @ApiProperty({ enum: ['https://schema.org'] }) '@context': string;
  @ApiProperty({ enum: ['ClaimReview'] }) '@type': string;
  @ApiProperty({
    format: 'uri',
    description:
      "The page publishing the review (?url=), else the item's workbench page under PUBLIC_BASE_URL",
  })
  url: string;
  @ApiProperty({ format: 'date-time' }) datePublished: string;
  @ApiProperty() claimReviewed: string;
  @ApiProperty({ example: 'en', description: "BCP 47: the claim's language" }) inLanguage: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "schema.org Claim: name, author (its speakers, else its source's publisher), datePublished, firstAppearance, appearance",
  })
  itemReviewed: Record<string, unknown>;
  @ApiProperty({ type: ClaimReviewRatingSchema }) reviewRating: ClaimReviewRatingSchema;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'schema.org Organization: name, url',
  })
  author: Record<string, unknown>;
}
