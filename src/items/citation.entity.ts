import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuoteSelectors } from '../sources/quote-verifier';
import type { CitationRole } from './status-scales';

@Entity('citations')
export class Citation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId: string;
  @Column({ name: 'source_id', type: 'uuid' }) sourceId: string;
  @Column({ type: 'text' }) role: CitationRole;
  @Column({ type: 'text', nullable: true }) language: string | null;
  @Column() quote: string;
  @Column({ type: 'text', nullable: true }) translation: string | null;
  @Column({ type: 'jsonb', nullable: true }) selectors: QuoteSelectors | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
