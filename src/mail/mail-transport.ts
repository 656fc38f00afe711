import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config';
import { MailOutcome, replyCode } from './mail-retry';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same on every retry of one reminder, so mail clients can drop a repeat after a crash. */
  messageId: string;
}

/**
 * Every mail this service sends is automatic: `Auto-Submitted: auto-generated` (RFC 3834) tells
 * vacation responders and other auto-replies not to answer it, and Exchange reads
 * `X-Auto-Response-Suppress` for the same.
 */
const AUTOMATIC = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

/** nodemailer over SMTP_URL. Without SMTP_URL there is no transport and nothing is mailed. */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const timeout = config.WEBHOOK_TIMEOUT_MS;
    // Loaded only with SMTP_URL: most processes (and test files) never mail, and nodemailer is ~40 modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = () => require('nodemailer') as typeof import('nodemailer');
    this.transporter = config.SMTP_URL
      ? load().createTransport({
          url: config.SMTP_URL,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  /** Never throws: the outcome is the accepted message's id or the error, each with the server's SMTP reply code. */
  async send(mail: OutgoingMail): Promise<MailOutcome> {
    if (!this.transporter) return { error: 'SMTP_URL is not set', responseCode: null };
    try {
      const info = (await this.transporter.sendMail({
        from: this.config.MAIL_FROM,
        ...mail,
        headers: AUTOMATIC,
      })) as { response?: string };
      return { messageId: mail.messageId, responseCode: replyCode(info.response) };
    } catch (error) {
      const e = error as Error & { responseCode?: number; code?: string };
      return {
        error: `${e.code ?? e.name}: ${e.message}`.slice(0, 1000),
        responseCode: typeof e.responseCode === 'number' ? e.responseCode : null,
      };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
