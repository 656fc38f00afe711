import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The three Standard Webhooks headers for one message; `id` stays the same on every retry. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  return new Signer().headers(secret, id, body, at);
}

/**
 * Signs a batch of messages, decoding each subscription's secret once (a burst of reminders to
 * one receiver shares it).
 */
export class Signer {
  private readonly bySecret = new Map<string, Webhook>();

  headers(secret: string, id: string, body: string, at: Date): Record<string, string> {
    let webhook = this.bySecret.get(secret);
    if (!webhook) this.bySecret.set(secret, (webhook = new Webhook(secret)));
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': webhook.sign(id, at, body),
    };
  }
}
