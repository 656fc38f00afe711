import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuoteSelectors } from '../sources/quote-verifier';
import type { ItemStatus, ProgressStage, TargetUnit } from '../items/status-scales';

/** One timeline entry. Never deleted: a mistake is retracted and stays, flagged. */
@Entity('updates')
export class Update {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId: string;
  /** bigserial; breaks ties between entries recorded at the same instant. */
  @Column({ type: 'bigint', insert: false }) seq: string;
  @Column({ type: 'text', nullable: true }) status: ItemStatus | null;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'recorded_by' }) recordedBy: string;
  @Column() note: string;
  /** numeric(20,2): a string end to end. */
  @Column({ name: 'delivered_value', type: 'numeric', nullable: true }) deliveredValue: string | null;
  @Column({ name: 'delivered_currency', type: 'char', length: 3, nullable: true }) deliveredCurrency:
    string | null;
  @Column({ name: 'progress_period', type: 'text', nullable: true }) progressPeriod: string | null;
  @Column({ name: 'progress_percent', type: 'numeric', nullable: true }) progressPercent: string | null;
  @Column({ name: 'progress_stage', type: 'text', default: 'delivered' }) progressStage: ProgressStage;
  @Column({ name: 'achieved_value', type: 'numeric', nullable: true }) achievedValue: string | null;
  @Column({ name: 'achieved_unit', type: 'text', nullable: true }) achievedUnit: TargetUnit | null;
  @Column({ name: 'retracted_at', type: 'timestamptz', nullable: true }) retractedAt: Date | null;
  @Column({ name: 'retracted_by', type: 'text', nullable: true }) retractedBy: string | null;
  @Column({ name: 'retraction_reason', type: 'text', nullable: true }) retractionReason: string | null;
}

@Entity('evidence')
export class Evidence {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'update_id', type: 'uuid' }) updateId: string;
  @Column({ name: 'source_id', type: 'uuid' }) sourceId: string;
  @Column({ type: 'text', nullable: true }) quote: string | null;
  @Column({ type: 'jsonb', nullable: true }) selectors: QuoteSelectors | null;
  @Column({ type: 'int', default: 0 }) position: number;
}
