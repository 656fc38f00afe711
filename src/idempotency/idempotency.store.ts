import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { ClaimFence } from './claim-fence';
import { HeldClaim, IdempotencyRepository, StoredResponse } from './idempotency.repository';

/** Records are kept this long (spec: a retry within 24 h is replayed). */
export const RETENTION = '24 hours';
const CLEANUP_EVERY_MS = 60_000;

export type Claim =
  { owner: true; held: HeldClaim } | { owner: false; sameRequest: boolean; response: StoredResponse | null };

/**
 * The claims on `idempotency_keys`, whose statements are IdempotencyRepository's. Each commits on
 * its own, outside the request's transaction, so a concurrent retry sees the claim at once and
 * the primary key decides who runs. A claim is a lease (`IDEMPOTENCY_LEASE_MS`) its request
 * renews while it runs: only a claim whose lease ran out, because its process died, is taken
 * over; `ClaimFence` keeps a request that lost its claim from committing.
 */
@Injectable()
export class IdempotencyStore {
  private lastCleanup = 0;
  readonly leaseMs: number;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly records: IdempotencyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.leaseMs = config.IDEMPOTENCY_LEASE_MS;
    ClaimFence.install(db, records);
  }

  /** Claims the key for this request, or tells what the earlier request with this key left. */
  async claim(apiKeyId: string, key: string, hash: string): Promise<Claim> {
    await this.cleanupNowAndThen();
    const claimId = await this.records.insertClaim(apiKeyId, key, hash, RETENTION, this.leaseMs);
    if (claimId) return { owner: true, held: { apiKeyId, key, claimId } };
    const row = await this.records.find(apiKeyId, key);
    // Released between our insert and this read: the other request failed; claim again.
    if (!row) return this.claim(apiKeyId, key, hash);
    const response =
      row.response_status === null
        ? null
        : { status: row.response_status, body: row.response_body, headers: row.response_headers ?? {} };
    return { owner: false, sameRequest: row.request_hash === hash, response };
  }

  /** The heartbeat of a running request: one more lease (a committed claim keeps `infinity`). */
  renew(claim: HeldClaim): Promise<void> {
    return this.records.renew(claim, this.leaseMs);
  }

  complete(claim: HeldClaim, response: StoredResponse): Promise<void> {
    return this.records.complete(claim, response);
  }

  /**
   * A failed request changed nothing (one transaction), so its key is free for a corrected retry;
   * one that committed before failing (`lease_until` = infinity, ClaimFence) keeps its claim.
   */
  release(claim: HeldClaim): Promise<void> {
    return this.records.release(claim);
  }

  /** Deletes records past their retention; returns how many went. */
  removeExpired(): Promise<number> {
    return this.records.removeOlderThan(RETENTION);
  }

  /** Expired records go on the write path, at most once a minute per process: no scheduler needed. */
  private async cleanupNowAndThen(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await this.removeExpired();
  }
}
