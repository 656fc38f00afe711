import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { ProblemError } from '../common/problem';
import { IdempotencyErrors } from './idempotency.errors';
import { HeldClaim, IdempotencyRepository } from './idempotency.repository';

/** The claim of the request whose code is running, entered by the interceptor around the handler. */
export const heldClaim = new AsyncLocalStorage<HeldClaim>();

/**
 * Before any transaction of a request holding a claim commits, proves in that transaction that
 * the claim is still its own and marks it committed (`lease_until = infinity`): a request whose
 * lease ran out (its process stalled past the lease) and whose key a retry took over can no
 * longer commit, and a committed request's key is never taken over before its answer is stored.
 * The row lock taken here also makes a concurrent take-over wait for this commit.
 */
export class ClaimFence implements EntitySubscriberInterface {
  private constructor(private readonly claims: IdempotencyRepository) {}

  static install(db: DataSource, claims: IdempotencyRepository): void {
    if (!db.subscribers.some((s) => s instanceof ClaimFence)) db.subscribers.push(new ClaimFence(claims));
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = heldClaim.getStore();
    // Only the outermost commit: `save()` inside a transaction commits a savepoint first, and a row
    // lock taken there would hold the heartbeat up until the whole transaction ends. TypeORM keeps
    // the depth in a protected field (1 while the outermost transaction commits).
    if (!claim || Reflect.get(event.queryRunner, 'transactionDepth') !== 1) return;
    const held = await this.claims.markCommitted(event.manager, claim);
    if (held === 0)
      throw new ProblemError(
        IdempotencyErrors.TAKEN_OVER,
        'This request outlived its claim on the Idempotency-Key and a retry took it over; this request changed nothing',
      );
  }
}
