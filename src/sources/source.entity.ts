import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('sources')
export class Source {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() url: string;
  @Column({ name: 'canonical_url' }) canonicalUrl: string;
  @Column() title: string;
  @Column({ type: 'text', nullable: true }) publisher: string | null;
  @Column({ type: 'text', nullable: true }) author: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column() language: string;
  @Column() kind: string;
  /** Full text; not selected by default (up to 1 MB). */
  @Column({ type: 'text', nullable: true, select: false }) text: string | null;
  @Column({ name: 'content_hash', type: 'text', nullable: true }) contentHash: string | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
