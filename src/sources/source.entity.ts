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
  /** What the text was read from when the service fetched or received it (text/html, application/pdf). */
  @Column({ name: 'media_type', type: 'text', nullable: true }) mediaType: string | null;
  /** What the last recheck found; null until the first. */
  @Column({ name: 'live_status', type: 'text', nullable: true }) liveStatus: string | null;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt: Date | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
