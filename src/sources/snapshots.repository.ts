import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeyFields, Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { sqlRow, sqlRows } from '../database/sql';

/** One archived copy of a source's page or PDF, without its bytes. */
export interface SnapshotView {
  id: string;
  sourceId: string;
  contentType: string;
  sha256: string;
  size: number;
  fetchedAt: Date;
  finalUrl: string;
}

export interface NewSnapshot {
  sourceId: string;
  contentType: string;
  sha256: string;
  finalUrl: string;
  bytes: Buffer;
}

const COLUMNS = `id, source_id AS "sourceId", content_type AS "contentType", sha256, size,
                 fetched_at AS "fetchedAt", final_url AS "finalUrl"`;

const NEWEST_FIRST = new Keyset(
  [
    { sql: 'fetched_at', type: 'timestamptz' },
    { sql: 'id', type: 'uuid' },
  ],
  'DESC',
);

/** Every statement on `source_snapshots`. */
@Injectable()
export class SnapshotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, s: NewSnapshot): Promise<SnapshotView> {
    const [row] = await sqlRows<SnapshotView>(
      m,
      `INSERT INTO source_snapshots (source_id, content_type, sha256, size, final_url, bytes)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [s.sourceId, s.contentType, s.sha256, s.bytes.length, s.finalUrl, s.bytes],
    );
    return row;
  }

  async page(sourceId: string, query: PageQuery): Promise<Page<SnapshotView>> {
    const after = NEWEST_FIRST.decode(query.cursor);
    const params: unknown[] = [sourceId, query.limit + 1];
    const bind = (value: string) => `$${params.push(value)}`;
    const rows = await sqlRows<SnapshotView & KeyFields>(
      this.db.manager,
      `SELECT ${COLUMNS}, ${NEWEST_FIRST.selectKeys()} FROM source_snapshots
        WHERE source_id = $1 ${after ? `AND ${NEWEST_FIRST.after(after, bind)}` : ''}
        ORDER BY ${NEWEST_FIRST.orderBy()} LIMIT $2`,
      params,
    );
    return NEWEST_FIRST.rawPage(rows, query.limit);
  }

  /** The archived bytes and their content type, or undefined when no such snapshot of that source. */
  bytes(sourceId: string, id: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
    return sqlRow<{ contentType: string; bytes: Buffer }>(
      this.db.manager,
      `SELECT content_type AS "contentType", bytes FROM source_snapshots WHERE source_id = $1 AND id = $2`,
      [sourceId, id],
    );
  }

  /** The SHA-256 of the first snapshot (what the source's text was read from) and of the latest. */
  async hashes(
    sourceId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ first: string | null; latest: string | null }> {
    const row = await sqlRow<{ first: string | null; latest: string | null }>(
      m,
      `SELECT (SELECT sha256 FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at, id LIMIT 1) AS first,
              (SELECT sha256 FROM source_snapshots WHERE source_id = $1 ORDER BY fetched_at DESC, id DESC LIMIT 1) AS latest`,
      [sourceId],
    );
    return row ?? { first: null, latest: null };
  }
}
