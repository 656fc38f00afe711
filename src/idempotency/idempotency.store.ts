import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlRows, sqlWrite } from '../common/sql';

/** Records are kept this long (spec: a retry within 24 h is replayed). */
export const RETENTION = '24 hours';
/** A claim still unanswered after this is taken to belong to a crashed process and may be taken over. */
export const ABANDONED_AFTER = '2 minutes';
const CLEANUP_EVERY_MS = 60_000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim = { owner: true } | { owner: false; sameRequest: boolean; response: StoredResponse | null };

/**
 * The `idempotency_keys` table. Each statement commits on its own, outside the request's
 * transaction, so a concurrent retry sees the claim at once and the primary key decides who runs.
 */
@Injectable()
export class IdempotencyStore {
  private lastCleanup = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Claims the key for this request, or tells what the earlier request with this key left. */
  async claim(apiKeyId: string, key: string, hash: string): Promise<Claim> {
    await this.cleanupNowAndThen();
    const claimed = await sqlRows(
      this.db,
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, response_headers = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - $4::interval
            OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at < now() - $5::interval)
       RETURNING 1`,
      [apiKeyId, key, hash, RETENTION, ABANDONED_AFTER],
    );
    if (claimed.length > 0) return { owner: true };
    const [row]: {
      request_hash: string;
      response_status: number | null;
      response_body: unknown;
      response_headers: Record<string, string> | null;
    }[] = await this.db.query(
      `SELECT request_hash, response_status, response_body, response_headers FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key],
    );
    // Released between our insert and this read: the other request failed; claim again.
    if (!row) return this.claim(apiKeyId, key, hash);
    const response =
      row.response_status === null
        ? null
        : { status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} };
    return { owner: false, sameRequest: row.request_hash === hash, response };
  }

  async complete(apiKeyId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_headers = $5 WHERE api_key_id = $1 AND key = $2`,
      [
        apiKeyId,
        key,
        response.status,
        JSON.stringify(response.body ?? null),
        JSON.stringify(response.headers),
      ],
    );
  }

  /** A failed request changed nothing (one transaction), so its key is free for a corrected retry. */
  async release(apiKeyId: string, key: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND response_status IS NULL`,
      [apiKeyId, key],
    );
  }

  /** Deletes records past their retention; returns how many went. */
  async removeExpired(): Promise<number> {
    return sqlWrite(this.db, `DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval`, [
      RETENTION,
    ]);
  }

  /** Expired records go on the write path, at most once a minute per process: no scheduler needed. */
  private async cleanupNowAndThen(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await this.removeExpired();
  }
}
