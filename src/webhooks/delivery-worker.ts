import { Inject, Injectable } from '@nestjs/common';
import { setMaxListeners } from 'node:events';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { AttemptColumns, DeliveriesRepository, DueDelivery } from './deliveries.repository';
import { deliveriesFailed, deliveriesRetried, deliveriesSent, remindersSent } from './webhook.metrics';
import { postJson } from './http-post';
import { AttemptOutcome, decide, DeliveryDecision } from './retry-policy';
import { Signer } from './signing';

interface AttemptResult {
  delivery: DueDelivery;
  startedAt: Date;
  durationMs: number;
  outcome: AttemptOutcome;
  decision: DeliveryDecision;
  nextAttemptAt: Date | null;
}

/**
 * Runs a batch of claimed attempts: POSTs each event, signed, to its subscriber (all at once),
 * then records every attempt and its consequence — delivered, pending a retry with backoff,
 * failed, or subscription disabled on 410.
 */
@Injectable()
export class DeliveryWorker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async run(due: DueDelivery[]): Promise<void> {
    if (due.length === 0) return;
    const signer = new Signer();
    // The attempts of a batch start together, so one timeout signal ends each of them in time.
    const signal = AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS);
    setMaxListeners(due.length + 10, signal);
    const results = await Promise.all(due.map((d) => this.attempt(d, signer, signal)));
    // The usual batch, retries included, is one statement on its own; a transaction only when a
    // subscription is disabled with it.
    if (results.some((r) => r.decision.kind === 'gone'))
      await this.db.transaction((m) => this.record(m, results));
    else await this.deliveries.recordAttempts(this.db, attemptColumns(results));
    count(results);
  }

  private async attempt(delivery: DueDelivery, signer: Signer, signal: AbortSignal): Promise<AttemptResult> {
    const startedAt = new Date();
    // The event id is the webhook-id: the same on every retry, so receivers can drop repeats.
    const headers = signer.headers(delivery.secret, delivery.eventId, delivery.body, startedAt);
    const outcome = await postJson(delivery.url, delivery.body, headers, {
      signal,
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
    // Its other pending deliveries will not be sent either; say so instead of leaving them pending.
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

function count(results: AttemptResult[]): void {
  for (const { delivery, decision } of results) {
    const labels = { event: delivery.eventType };
    if (decision.kind === 'delivered') {
      deliveriesSent.inc(labels);
      if (delivery.eventType === 'follow_up.due') remindersSent.inc();
    } else if (decision.kind === 'retry') deliveriesRetried.inc(labels);
    else deliveriesFailed.inc(labels);
  }
}
