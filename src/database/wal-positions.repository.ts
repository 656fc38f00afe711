import type { DataSource, EntityManager } from 'typeorm';

/** The two WAL positions read-your-writes compares (docs/scaling.md, "Read replicas"). */
export class WalPositionsRepository {
  /**
   * Where the primary's WAL ends now. Read after a write committed, it is at or past that write's
   * commit record, so a replica that replayed this far shows the write.
   */
  async inserted(db: DataSource | EntityManager): Promise<string> {
    const [row] = await db.query<{ lsn: string }[]>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    return row.lsn;
  }

  /** How far a standby has replayed (null on a server that is not in recovery). */
  async replayed(db: DataSource | EntityManager): Promise<string | null> {
    const [row] = await db.query<{ lsn: string | null }[]>(`SELECT pg_last_wal_replay_lsn()::text AS lsn`);
    return row.lsn;
  }
}
