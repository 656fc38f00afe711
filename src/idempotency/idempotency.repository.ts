import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlRun, sqlWrite } from '../database/sql';

/** The claim a running request holds on its Idempotency-Key. */
export interface HeldClaim {
  apiKeyId: string;
  key: string;
  claimId: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type IdempotencyRecord = {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
};

/**
 * Every statement on `idempotency_keys`. All but `markCommitted` commit on their own, outside
 * the request's transaction (IdempotencyStore says why); `markCommitted` runs in the committing
 * transaction (ClaimFence).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts the claim, or takes over a record past `retention` or a claim whose lease ran out.
   * Answers the new claim's id, or undefined when an earlier request holds the key.
   */
  async insertClaim(
    apiKeyId: string,
    key: string,
    hash: string,
    retention: string,
    leaseMs: number,
  ): Promise<string | undefined> {
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
      [apiKeyId, key, hash, retention, leaseMs],
    );
    return claimed?.claim_id;
  }

  find(apiKeyId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return sqlRow<IdempotencyRecord>(
      this.db,
      `SELECT request_hash, response_status, response_body, response_headers FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key],
    );
  }

  async renew(claim: HeldClaim, leaseMs: number): Promise<void> {
    await sqlRun(
      this.db,
      `UPDATE idempotency_keys SET lease_until = greatest(lease_until, now() + $4 * interval '1 millisecond')
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3 AND response_status IS NULL`,
      [claim.apiKeyId, claim.key, claim.claimId, leaseMs],
    );
  }

  async complete(claim: HeldClaim, response: StoredResponse): Promise<void> {
    await sqlRun(
      this.db,
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

  /** Deletes an unanswered claim that never committed (`lease_until` is not infinity). */
  async release(claim: HeldClaim): Promise<void> {
    await sqlRun(
      this.db,
      `DELETE FROM idempotency_keys
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3 AND response_status IS NULL AND lease_until <> 'infinity'`,
      [claim.apiKeyId, claim.key, claim.claimId],
    );
  }

  removeOlderThan(retention: string): Promise<number> {
    return sqlWrite(this.db, `DELETE FROM idempotency_keys WHERE created_at < now() - $1::interval`, [
      retention,
    ]);
  }

  /**
   * In the committing transaction: the claim, still this request's and within its lease, is
   * marked committed (`lease_until = infinity`) and row-locked. Answers 0 when it was lost.
   */
  markCommitted(m: EntityManager, claim: HeldClaim): Promise<number> {
    return sqlWrite(
      m,
      `UPDATE idempotency_keys SET lease_until = 'infinity'
        WHERE api_key_id = $1 AND key = $2 AND claim_id = $3 AND response_status IS NULL AND lease_until > now()`,
      [claim.apiKeyId, claim.key, claim.claimId],
    );
  }
}
