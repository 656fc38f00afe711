import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ActorKind } from './actor-kinds';

@Entity('actors')
export class Actor {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: ActorKind;
  @Column({ type: 'text', array: true, default: '{}' }) aliases: string[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'created_by', select: false }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
