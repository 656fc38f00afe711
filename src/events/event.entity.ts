import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EventType = 'item.created' | 'item.status_changed' | 'follow_up.due';

/** The outbox: one row per event, written with the change; the webhook dispatcher delivers it. */
@Entity('events')
export class EventRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, select: false }) seq: string;
  @Column({ type: 'text' }) type: EventType;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
}
