import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventType } from '../events/event-types';

@Entity('webhooks')
export class Webhook {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() url: string;
  @Column({ type: 'text', array: true }) events: EventType[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  /** `whsec_…`; returned once, at creation, never listed. */
  @Column({ select: false }) secret: string;
  @Column({ default: true }) active: boolean;
  @Column({ name: 'disabled_reason', type: 'text', nullable: true }) disabledReason: string | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
