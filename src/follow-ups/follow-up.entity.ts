import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FollowUpState } from './follow-up-state';

@Entity('follow_ups')
export class FollowUp {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column() note: string;
  @Column({ type: 'text', nullable: true }) assignee: string | null;
  @Column({ name: 'repeat_every', type: 'text', nullable: true }) repeatEvery: string | null;
  @Column({ type: 'text', default: 'scheduled' }) state: FollowUpState;
  /** Created and moved by the item's own dueAt, not by a person. */
  @Column({ default: false }) automatic: boolean;
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true }) notifiedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'completion_note', type: 'text', nullable: true }) completionNote: string | null;
  /** The calendar SEQUENCE: bumped whenever the follow-up moves (snooze, reschedule) or ends. */
  @Column({ default: 0 }) sequence: number;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
