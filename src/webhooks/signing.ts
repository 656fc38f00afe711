import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
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
 * Standard Webhooks signatures (`v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`,
 * keyed with the secret's bytes) for a batch of messages, each secret decoded once. Written here
 * with node:crypto rather than the `standardwebhooks` package's `sign`, which hashes in
 * JavaScript (fast-sha256) — a few percent of a worker's CPU at thousands of reminders a second;
 * the tests verify every signature with that package.
 */
export class Signer {
  private readonly keys = new Map<string, Buffer>();

  headers(secret: string, id: string, body: string, at: Date): Record<string, string> {
    let key = this.keys.get(secret);
    if (!key)
      this.keys.set(
        secret,
        (key = Buffer.from(
          secret.slice(secret.startsWith(SECRET_PREFIX) ? SECRET_PREFIX.length : 0),
          'base64',
        )),
      );
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
  }
}
