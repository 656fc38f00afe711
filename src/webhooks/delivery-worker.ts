import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { AttemptColumns, DeliveriesRepository, DueDelivery } from './deliveries.repository';
import { deliveriesFailed, deliveriesRetried, deliveriesSent, remindersSent } from './webhook.metrics';
import { DeliveryJob, DeliveryQueue } from './delivery-queue';
import { postJson } from './http-post';
import { AttemptOutcome, decide, DeliveryDecision } from './retry-policy';
import { signedHeaders } from './signing';

interface AttemptResult {
  delivery: DueDelivery;
  startedAt: Date;
  durationMs: number;
  outcome: AttemptOutcome;
  decision: DeliveryDecision;
  nextAttemptAt: Date | null;
}

/**
 * Runs a batch of queued attempts: POSTs each event, signed, to its subscriber (all at once),
 * then records every attempt and its consequence — delivered, next attempt queued with backoff,
 * failed, or subscription disabled on 410 — in one transaction.
 */
@Injectable()
export class DeliveryWorker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async run(jobs: DeliveryJob[]): Promise<void> {
    const due = await this.load(jobs);
    const results = await Promise.all(due.map((d) => this.attempt(d)));
    if (results.length === 0) return;
    // The usual batch (every attempt delivered, or failed for good) is one statement on its own;
    // a transaction only when retries are queued or subscriptions disabled with it.
    if (results.every((r) => r.decision.kind === 'delivered' || r.decision.kind === 'failed'))
      await this.deliveries.recordAttempts(this.db, attemptColumns(results));
    else await this.db.transaction((m) => this.record(m, results));
    for (const r of results) count(r);
  }

  /**
   * The deliveries still waiting for exactly this attempt. A job whose attempt was already
   * recorded (a re-run after a crash between commit and job completion), a delivery that is
   * finished, or one whose subscription is gone or disabled, is dropped here.
   */
  private async load(jobs: DeliveryJob[]): Promise<DueDelivery[]> {
    if (jobs.length === 0) return [];
    return this.deliveries.due(
      jobs.map((j) => j.deliveryId),
      jobs.map((j) => j.attempt),
    );
  }

  private async attempt(delivery: DueDelivery): Promise<AttemptResult> {
    const startedAt = new Date();
    // The event id is the webhook-id: the same on every retry, so receivers can drop repeats.
    const headers = signedHeaders(delivery.secret, delivery.eventId, delivery.body, startedAt);
    const outcome = await postJson(delivery.url, delivery.body, headers, {
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
      allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    });
    const decision = decide(outcome, delivery.attempt, {
      baseMs: this.config.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: Math.max(1, this.config.WEBHOOK_MAX_ATTEMPTS),
    });
    const nextAttemptAt = decision.kind === 'retry' ? new Date(Date.now() + decision.delayMs) : null;
    return {
      delivery,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      outcome,
      decision,
      nextAttemptAt,
    };
  }

  private async record(m: EntityManager, results: AttemptResult[]): Promise<void> {
    await this.deliveries.recordAttempts(m, attemptColumns(results));
    const gone = [
      ...new Set(results.filter((r) => r.decision.kind === 'gone').map((r) => r.delivery.webhookId)),
    ];
    if (gone.length > 0) {
      // Its other queued deliveries will not be sent either; say so instead of leaving them pending.
      await this.deliveries.disableGone(m, gone);
      for (const id of gone)
        await this.audit.record(m, {
          actor: 'webhook-dispatcher',
          action: 'disable',
          entityType: 'webhook',
          entityId: id,
          change: { reason: '410 Gone' },
        });
    }
    const retries = results.filter((r) => r.decision.kind === 'retry');
    await this.queue.enqueue(
      m,
      retries.map((r) => ({
        deliveryId: r.delivery.id,
        attempt: r.delivery.attempt + 1,
        startAfter: r.nextAttemptAt!,
      })),
    );
  }
}

/** The attempts as the parallel columns recordAttempts takes. */
function attemptColumns(results: AttemptResult[]): AttemptColumns {
  const column = <T>(pick: (r: AttemptResult) => T) => results.map(pick);
  const statusOf = (r: AttemptResult) => ('statusCode' in r.outcome ? r.outcome.statusCode : null);
  const errorOf = (r: AttemptResult) =>
    'error' in r.outcome ? r.outcome.error : r.decision.kind === 'failed' ? r.decision.reason : null;
  return {
    deliveryIds: column((r) => r.delivery.id),
    attempts: column((r) => r.delivery.attempt),
    startedAt: column((r) => r.startedAt),
    durationMs: column((r) => r.durationMs),
    statusCodes: column(statusOf),
    errors: column(errorOf),
    states: column((r) => deliveryState(r.decision)),
    nextAttemptAt: column((r) => r.nextAttemptAt),
  };
}

function deliveryState(decision: DeliveryDecision): 'pending' | 'delivered' | 'failed' {
  return decision.kind === 'delivered' ? 'delivered' : decision.kind === 'retry' ? 'pending' : 'failed';
}

function count({ delivery, decision }: AttemptResult): void {
  const labels = { event: delivery.eventType };
  if (decision.kind === 'delivered') {
    deliveriesSent.inc(labels);
    if (delivery.eventType === 'follow_up.due') remindersSent.inc();
  } else if (decision.kind === 'retry') deliveriesRetried.inc(labels);
  else deliveriesFailed.inc(labels);
}
