import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { deliveriesFailed, deliveriesRetried, deliveriesSent, remindersSent } from './webhook.metrics';
import { DeliveryJob, DeliveryQueue } from './delivery-queue';
import { postJson } from './http-post';
import { AttemptOutcome, decide, DeliveryDecision } from './retry-policy';
import { signedHeaders } from './signing';

interface DueDelivery {
  id: string;
  attempt: number;
  webhookId: string;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
}

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
  ) {}

  async run(jobs: DeliveryJob[]): Promise<void> {
    const due = await this.load(jobs);
    const results = await Promise.all(due.map((d) => this.attempt(d)));
    if (results.length === 0) return;
    await this.db.transaction((m) => this.record(m, results));
    for (const r of results) count(r);
  }

  /**
   * The deliveries still waiting for exactly this attempt. A job whose attempt was already
   * recorded (a re-run after a crash between commit and job completion), a delivery that is
   * finished, or one whose subscription is gone or disabled, is dropped here.
   */
  private async load(jobs: DeliveryJob[]): Promise<DueDelivery[]> {
    if (jobs.length === 0) return [];
    return this.db.query(
      `SELECT d.id, j.attempt, w.id AS "webhookId", w.url, w.secret, e.id AS "eventId", e.type AS "eventType",
              json_build_object('id', e.id, 'type', e.type,
                'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', e.data)::text AS body
         FROM unnest($1::uuid[], $2::int[]) AS j(delivery_id, attempt)
         JOIN webhook_deliveries d ON d.id = j.delivery_id AND d.state = 'pending' AND d.attempts = j.attempt - 1
         JOIN webhooks w ON w.id = d.webhook_id AND w.active
         JOIN events e ON e.id = d.event_id`,
      [jobs.map((j) => j.deliveryId), jobs.map((j) => j.attempt)],
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
    const column = <T>(pick: (r: AttemptResult) => T) => results.map(pick);
    const statusOf = (r: AttemptResult) => ('statusCode' in r.outcome ? r.outcome.statusCode : null);
    const errorOf = (r: AttemptResult) =>
      'error' in r.outcome ? r.outcome.error : r.decision.kind === 'failed' ? r.decision.reason : null;
    await m.query(
      `INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])`,
      [
        column((r) => r.delivery.id),
        column((r) => r.delivery.attempt),
        column((r) => r.startedAt),
        column((r) => r.durationMs),
        column(statusOf),
        column(errorOf),
      ],
    );
    await m.query(
      `UPDATE webhook_deliveries d SET attempts = v.attempt, state = v.state, next_attempt_at = v.next_at,
              last_status_code = v.status_code, last_error = v.error, updated_at = now(),
              delivered_at = CASE WHEN v.state = 'delivered' THEN now() END
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::int[], $6::text[]) AS v(id, attempt, state, next_at, status_code, error)
        WHERE d.id = v.id AND d.attempts = v.attempt - 1`,
      [
        column((r) => r.delivery.id),
        column((r) => r.delivery.attempt),
        column((r) => deliveryState(r.decision)),
        column((r) => r.nextAttemptAt),
        column(statusOf),
        column(errorOf),
      ],
    );
    const gone = [
      ...new Set(results.filter((r) => r.decision.kind === 'gone').map((r) => r.delivery.webhookId)),
    ];
    if (gone.length > 0) {
      await m.query(
        `UPDATE webhooks SET active = false, disabled_reason = 'the receiver answered 410 Gone' WHERE id = ANY($1::uuid[])`,
        [gone],
      );
      // Its other queued deliveries will not be sent either; say so instead of leaving them pending.
      await m.query(
        `UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, last_error = 'subscription disabled (410 Gone)', updated_at = now()
                      WHERE webhook_id = ANY($1::uuid[]) AND state = 'pending'`,
        [gone],
      );
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
