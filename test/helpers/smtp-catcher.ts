import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  /** Header values by lower-case name, as mailparser gives them. */
  headers: Map<string, unknown>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 that parses (mailparser) and keeps every message
 * it accepts. `refuse` may answer a delivery attempt with an SMTP reply code instead; `holdUntil`
 * holds the answer to the n-th message received until the promise it returns settles, to keep
 * sends in flight (a held message is kept when answered, as a server that got the whole DATA would).
 */
export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  /** Every DATA received, accepted or refused, by recipient. */
  readonly attempts = new Map<string, number>();
  refuse: (to: string, attempt: number) => number | null = () => null;
  holdUntil: (n: number) => Promise<unknown> = () => Promise.resolve();
  /** Messages received (DATA), answered or still held. */
  received = 0;

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          const attempt = (this.attempts.get(to) ?? 0) + 1;
          this.attempts.set(to, attempt);
          const code = this.refuse(to, attempt);
          void this.holdUntil(++this.received).then(() => {
            if (code !== null)
              return callback(
                Object.assign(new Error(`refused (attempt ${attempt})`), { responseCode: code }),
              );
            this.mails.push({
              to,
              messageId: parsed.messageId ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
            });
            callback();
          });
        },
        (error: Error) => callback(error),
      );
    },
  });

  private constructor() {}

  static async start(): Promise<SmtpCatcher> {
    const catcher = new SmtpCatcher();
    // A sender killed mid-session (the specs SIGKILL a worker) resets its connection: smtp-server
    // emits that as an 'error' event, which without a listener ends the whole test file.
    catcher.server.on('error', () => undefined);
    await new Promise<void>((resolve) => catcher.server.listen(0, '127.0.0.1', resolve));
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to === address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
