import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ScheduleEntry } from './money-rules';
import type { DuePrecision } from './due-window';
import type { ItemKind, ItemStatus, Qualifier, Recurrence, TargetUnit } from './status-scales';

@Entity('items')
export class Item {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: ItemKind;
  @Column() title: string;
  @Column() statement: string;
  @Column() language: string;
  @Column({ type: 'text', array: true, default: '{}' }) tags: string[];
  /** numeric(20,2): pg returns it as a string, and it stays one. */
  @Column({ name: 'amount_value', type: 'numeric', nullable: true }) amountValue: string | null;
  @Column({ name: 'amount_currency', type: 'char', length: 3, nullable: true }) amountCurrency: string | null;
  @Column({ name: 'amount_qualifier', type: 'text', nullable: true }) amountQualifier: Qualifier | null;
  /** The upper bound of a `between` range. */
  @Column({ name: 'amount_value_max', type: 'numeric', nullable: true }) amountValueMax: string | null;
  /** One amount per period instead of `amount` (docs/money.md). */
  @Column({ type: 'jsonb', nullable: true }) schedule: ScheduleEntry[] | null;
  @Column({ name: 'target_value', type: 'numeric', nullable: true }) targetValue: string | null;
  @Column({ name: 'target_unit', type: 'text', nullable: true }) targetUnit: TargetUnit | null;
  @Column({ name: 'target_label', type: 'text', nullable: true }) targetLabel: string | null;
  @Column({ type: 'text', nullable: true }) recurrence: Recurrence | null;
  @Column({ name: 'period_start', type: 'date', nullable: true }) periodStart: string | null;
  @Column({ name: 'period_end', type: 'date', nullable: true }) periodEnd: string | null;
  @Column({ name: 'due_at', type: 'date', nullable: true }) dueAt: string | null;
  @Column({ name: 'due_precision', type: 'text', default: 'day' }) duePrecision: DuePrecision;
  @Column({ name: 'initial_status', type: 'text' }) initialStatus: ItemStatus;
  /** When the initial status starts to hold; `statusSince` moves with the timeline, this does not. */
  @Column({ name: 'initial_status_since', type: 'timestamptz' }) initialStatusSince: Date;
  @Column({ type: 'text' }) status: ItemStatus;
  @Column({ name: 'status_since', type: 'timestamptz' }) statusSince: Date;
  @Column({ default: 1 }) version: number;
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true }) mergedIntoId: string | null;
  /** A discarded item points at itself (`mergedIntoId === id`) and says when and by whom. */
  @Column({ name: 'discarded_at', type: 'timestamptz', nullable: true }) discardedAt: Date | null;
  @Column({ name: 'discarded_by', type: 'text', nullable: true }) discardedBy: string | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
