import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRow } from '../../database/sql';

/** The one statement on `change_counters` (trigger-kept: every counted write adds to a shard). */
@Injectable()
export class ChangeCountersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The sum of every shard, as text (a bigint); on the primary, or where `db` reads (a replica). */
  async total(db: DataSource | EntityManager = this.db): Promise<string> {
    const row = await sqlRow<{ n: string }>(db, `SELECT sum(n)::text AS n FROM change_counters`);
    return row!.n;
  }
}
