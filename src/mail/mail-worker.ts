import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveryJob, DeliveryQueue } from '../webhooks/delivery-queue';
import { DeliveryRunner } from '../webhooks/delivery-runner';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher';
import { mailDomains } from '../common/mail-domains';
import { MailLimits } from './mail-budget';
import { DueMail, MailDeliveriesRepository } from './mail-deliveries.repository';
import { fanOutMail } from './mail-fanout';
import { decideMail, MailDecision, MailOutcome } from './mail-retry';
import { mailsFailed, mailsRetried, mailsSent } from './mail.metrics';
import { MailTransport } from './mail-transport';
import { reminderMessage } from './reminder-mail';

const MAIL_CHANNEL = 'mail';

interface MailResult {
  mail: DueMail;
  startedAt: Date;
  durationMs: number;
  outcome: MailOutcome;
  decision: MailDecision;
  nextAttemptAt: Date | null;
}

/**
 * Sends a batch of queued reminder mails (all at once, each bounded by the SMTP timeouts) and
 * records each attempt and its consequence — delivered, next attempt queued with backoff, or
 * failed — in its own transaction as soon as the server has answered, so a crash repeats only
 * the mails that were in flight (under the same Message-ID).
 */
@Injectable()
export class MailWorker implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly deliveries: MailDeliveriesRepository,
    private readonly queue: DeliveryQueue,
    private readonly transport: MailTransport,
    private readonly runner: DeliveryRunner,
    private readonly dispatcher: OutboxDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Joins the webhooks' outbox and queue. Mail jobs are always taken (one queued by a replica
   * with SMTP_URL is never dropped here); deliveries are only made with SMTP_URL set, so without
   * it nothing is mailed and no mail delivery is recorded.
   */
  onModuleInit(): void {
    this.runner.register(MAIL_CHANNEL, (jobs) => this.run(jobs));
    if (!this.transport.enabled) return;
    this.dispatcher.addFanOut(async (m, eventIds) =>
      (await fanOutMail(this.deliveries, m, eventIds, this.limits)).map((deliveryId) => ({
        deliveryId,
        attempt: 1,
        channel: MAIL_CHANNEL,
      })),
    );
  }

  private get limits(): MailLimits {
    return {
      perRecipientPerHour: this.config.MAIL_PER_RECIPIENT_PER_HOUR,
      perKeyPerHour: this.config.MAIL_PER_KEY_PER_HOUR,
      allowedDomains: mailDomains(this.config.MAIL_ALLOWED_DOMAINS),
    };
  }

  async run(jobs: DeliveryJob[]): Promise<void> {
    const due = await this.load(jobs);
    if (due.length === 0) return;
    await Promise.all(
      due.map(async (mail) => {
        const result = await this.attempt(mail);
        await this.db.transaction((m) => this.record(m, [result]));
        const { kind } = result.decision;
        (kind === 'delivered' ? mailsSent : kind === 'retry' ? mailsRetried : mailsFailed).inc();
      }),
    );
  }

  /** Deliveries still waiting for exactly this attempt; a re-run of a recorded attempt finds nothing. */
  private async load(jobs: DeliveryJob[]): Promise<DueMail[]> {
    if (jobs.length === 0) return [];
    return this.deliveries.dueMails(jobs);
  }

  private async attempt(mail: DueMail): Promise<MailResult> {
    const startedAt = new Date();
    const message = reminderMessage({ ...mail, dueAt: new Date(mail.dueAt) }, this.config.PUBLIC_BASE_URL);
    const outcome = await this.transport.send({
      to: mail.recipient,
      ...message,
      messageId: `<${mail.eventId}@${new URL(this.config.PUBLIC_BASE_URL).hostname}>`,
    });
    const decision = decideMail(outcome, mail.attempt, {
      baseMs: this.config.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: Math.max(1, this.config.WEBHOOK_MAX_ATTEMPTS),
    });
    return {
      mail,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      outcome,
      decision,
      nextAttemptAt: decision.kind === 'retry' ? new Date(Date.now() + decision.delayMs) : null,
    };
  }

  private async record(m: EntityManager, results: MailResult[]): Promise<void> {
    const errorOf = (r: MailResult) =>
      'error' in r.outcome ? r.outcome.error : r.decision.kind === 'failed' ? r.decision.reason : null;
    await this.deliveries.insertAttempts(
      m,
      results.map((r) => ({
        deliveryId: r.mail.id,
        attempt: r.mail.attempt,
        startedAt: r.startedAt,
        durationMs: r.durationMs,
        responseCode: r.outcome.responseCode,
        error: errorOf(r),
      })),
    );
    await this.deliveries.recordOutcomes(
      m,
      results.map((r) => ({
        id: r.mail.id,
        attempt: r.mail.attempt,
        state: r.decision.kind === 'retry' ? 'pending' : r.decision.kind,
        nextAt: r.nextAttemptAt,
        error: errorOf(r),
        messageId: 'messageId' in r.outcome ? r.outcome.messageId : null,
      })),
    );
    await this.queue.enqueue(
      m,
      results
        .filter((r) => r.nextAttemptAt !== null)
        .map((r) => ({
          deliveryId: r.mail.id,
          attempt: r.mail.attempt + 1,
          channel: MAIL_CHANNEL,
          startAfter: r.nextAttemptAt!,
        })),
    );
  }
}
