import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRow, sqlRun, sqlWrite } from '../database/sql';

export interface PublicFilter {
  kind?: string;
  tag?: string;
  actorId?: string;
  status?: string;
}

export type PublicationRow = {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  filter: PublicFilter;
  language: string | null;
  created_by: string;
  created_at: Date;
};

/** Every statement on `publications`. */
/** Notified with a slug when its publication is created or deleted. */
export const PUBLICATIONS_CHANNEL = 'pw_publications';

@Injectable()
export class PublicationsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** The new row, or undefined when the slug is taken. */
  insert(
    m: EntityManager,
    p: Pick<PublicationRow, 'slug' | 'title' | 'description' | 'filter' | 'language' | 'created_by'>,
  ): Promise<PublicationRow | undefined> {
    return sqlRow<PublicationRow>(
      m,
      `INSERT INTO publications (slug, title, description, filter, language, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (slug) DO NOTHING RETURNING *`,
      [p.slug, p.title, p.description, JSON.stringify(p.filter), p.language, p.created_by],
    );
  }

  bySlug(slug: string): Promise<PublicationRow | undefined> {
    return sqlRow<PublicationRow>(this.db.manager, `SELECT * FROM publications WHERE slug = $1`, [slug]);
  }

  byId(id: string, m: EntityManager = this.db.manager): Promise<PublicationRow | undefined> {
    return sqlRow<PublicationRow>(m, `SELECT * FROM publications WHERE id = $1`, [id]);
  }

  /** Tells every replica (PublicationsService's cache) that `slug` changed, when `m` commits. */
  async notifyChanged(m: EntityManager, slug: string): Promise<void> {
    await sqlRun(m, `SELECT pg_notify($1, $2)`, [PUBLICATIONS_CHANNEL, slug]);
  }

  async delete(m: EntityManager, id: string): Promise<boolean> {
    return (await sqlWrite(m, `DELETE FROM publications WHERE id = $1`, [id])) > 0;
  }
}
