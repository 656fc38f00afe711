import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const FEED_KINDS = ['follow-ups', 'changes'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** A secret subscription URL: follow-ups as a calendar (.ics) or item changes as Atom (.atom). */
@Entity('feeds')
export class Feed {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: FeedKind;
  /** SHA-256 of the token; the token itself is shown once, at creation. */
  @Column({ name: 'token_hash', select: false }) tokenHash: string;
  @Column({ name: 'token_prefix' }) tokenPrefix: string;
  @Column({ type: 'text', nullable: true }) assignee: string | null;
  @Column({ type: 'text', nullable: true }) tag: string | null;
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId: string | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'item_kind', type: 'text', nullable: true }) itemKind: string | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true, select: false }) revokedAt: Date | null;
}

/** Which filters each kind of feed takes (the rest are refused, not ignored). */
export const FEED_FILTERS: Record<FeedKind, readonly (keyof Feed)[]> = {
  'follow-ups': ['assignee', 'tag', 'itemId'],
  changes: ['tag', 'actorId', 'itemKind'],
};
