import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { MoneySchema, QuoteSelectorsSchema } from '../items/item.schema';
import {
  ALL_STATUSES,
  type ItemStatus,
  PROGRESS_STAGES,
  type ProgressStage,
  TARGET_UNITS,
  type TargetUnit,
} from '../items/status-scales';
import type { QuoteSelectors } from '../sources/quote-verifier';
import type { ItemHead } from './timeline.service';
import type { UpdateView } from './timeline.view';

class ProgressAchievedSchema {
  @ApiProperty({ example: '2.1' }) value: string;
  @ApiProperty({ enum: TARGET_UNITS }) unit: TargetUnit;
}

class ProgressSchema {
  @ApiProperty({ type: MoneySchema, nullable: true, description: 'Cumulative for the period' })
  delivered: MoneySchema | null;
  @ApiProperty({ type: String, nullable: true, example: '2024' }) period: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 100 }) percent: number | null;
  @ApiProperty({ enum: PROGRESS_STAGES, nullable: true, type: String }) stage: ProgressStage | null;
  @ApiProperty({ type: ProgressAchievedSchema, nullable: true, description: "Progress in the target's unit" })
  achieved: ProgressAchievedSchema | null;
}

class EvidenceSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ type: String, nullable: true }) quote: string | null;
  @ApiProperty({ type: QuoteSelectorsSchema, nullable: true }) selectors: QuoteSelectors | null;
}

class RetractionSchema {
  @ApiProperty() at: Date;
  @ApiProperty() by: string;
  @ApiProperty() reason: string;
}

/** One entry of an item's timeline. */
@ApiSchema({ name: 'Update' })
export class UpdateSchema implements UpdateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ALL_STATUSES, nullable: true, type: String }) status: ItemStatus | null;
  @ApiProperty({ description: 'When it happened in the world' }) effectiveAt: Date;
  @ApiProperty({ description: 'When it was logged (server time)' }) recordedAt: Date;
  @ApiProperty({ description: "The API key's name" }) recordedBy: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: ProgressSchema, nullable: true }) progress: ProgressSchema | null;
  @ApiProperty({ type: [EvidenceSchema] }) evidence: EvidenceSchema[];
  @ApiProperty() retracted: boolean;
  @ApiProperty({ type: RetractionSchema, nullable: true }) retraction: RetractionSchema | null;
}

class ItemHeadSchema implements ItemHead {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ALL_STATUSES }) status: ItemStatus;
  @ApiProperty() statusSince: Date;
  @ApiProperty({ type: 'integer', description: 'The new ETag' }) version: number;
}

/** A timeline write: the update, and the item as it now stands. */
@ApiSchema({ name: 'UpdateResult' })
export class UpdateResultSchema extends UpdateSchema {
  @ApiProperty({ type: ItemHeadSchema }) item: ItemHeadSchema;
}
