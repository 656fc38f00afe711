import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlRows, sqlWrite } from '../common/sql';
import { APP_CONFIG, AppConfig } from '../config';
import { ClaimFence, HeldClaim } from './claim-fence';

/** Records are kept this long (spec: a retry within 24 h is replayed). */
export const RETENTION = '24 hours';
const CLEANUP_EVERY_MS = 60_000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim =
  { owner: true; held: HeldClaim } | { owner: false; sameRequest: boolean; response: StoredResponse | null };

/**
 * The `idempotency_keys` table. Each statement commits on its own, outside the request's
 * transaction, so a concurrent retry sees the claim at once and the primary key decides who runs.
 * A claim is a lease (`IDEMPOTENCY_LEASE_MS`) its request renews while it runs: only a claim whose
 * lease ran out, because its process died, is taken over; `ClaimFence` keeps a request that lost
 * its claim from committing.
 */
@Injectable()
export class IdempotencyStore {
  private lastCleanup = 0;
  readonly leaseMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.leaseMs = config.IDEMPOTENCY_LEASE_MS;
    ClaimFence.install(db);
  }

  /** Claims the key for this request, or tells what the earlier request with this key left. */
  async claim(apiKeyId: string, key: string, hash: string): Promise<Claim> {
    await this.cleanupNowAndThen();
    const [claimed] = await sqlRows<{ claim_id: string }>(
      this.db,
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash, lease_until)
       VALUES ($1, $2, $3, now() + $5 * interval '1 millisecond')
       ON CONFLICT (api_key_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, response_headers = NULL,
             created_at = now(), claim_id = EXCLUDED.claim_id, lease_until = EXCLUDED.lease_until
         WHERE idempotency_keys.created_at < now() - $4::interval
            OR (idempotency_keys.response_status IS NULL AND idempotency_keys.lease_until < now())
       RETURNING claim_id`,
      [apiKeyId, key, hash, RETENTION, this.leaseMs],
    );
    if (claimed) return { owner: true, held: { apiKeyId, key, claimId: claimed.claim_id } };
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

  /** The heartbeat of a running request: one more lease (a committed claim keeps `infinity`). */
  async renew(claim: HeldClaim): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET lease_until = greatest(lease_until, now() + $4 * interval '1 millisecond')
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3 AND response_status IS NULL`,
      [claim.apiKeyId, claim.key, claim.claimId, this.leaseMs],
    );
  }

  async complete(claim: HeldClaim, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET response_status = $4, response_body = $5, response_headers = $6
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3`,
      [
        claim.apiKeyId,
        claim.key,
        claim.claimId,
        response.status,
        JSON.stringify(response.body ?? null),
        JSON.stringify(response.headers),
      ],
    );
  }

  /**
   * A failed request changed nothing (one transaction), so its key is free for a corrected retry;
   * one that committed before failing (`lease_until` = infinity, ClaimFence) keeps its claim.
   */
  async release(claim: HeldClaim): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3 AND response_status IS NULL AND lease_until <> 'infinity'`,
      [claim.apiKeyId, claim.key, claim.claimId],
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
