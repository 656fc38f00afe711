import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { SESSION_OPTIONS } from './session';
import { sqlRun } from './sql';

/** What a subscriber hears: each notification on its channel, and every gap in listening. */
export interface ListenerSubscriber {
  notified(payload: string): void;
  /** The connection dropped or came back: whatever was missed is unknown, drop what you cached. */
  reset(): void;
}

const RECONNECT_MS = 1000;

/**
 * PostgreSQL LISTEN on one dedicated connection (never a pooled one: LISTEN belongs to a
 * session). Notifications are sent by triggers and delivered on commit, so every replica hears
 * a change within milliseconds. While the connection is down `listening` is false and
 * subscribers must not trust their caches; it reconnects every second.
 */
export class DatabaseListener implements OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseListener');
  private readonly subscribers = new Map<string, Set<ListenerSubscriber>>();
  private client?: Client;
  private connecting?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  listening = false;

  constructor(private readonly url: string) {}

  /** Starts listening on `channel`; resolves once LISTEN is in place (or the first attempt failed). */
  async subscribe(channel: string, subscriber: ListenerSubscriber): Promise<void> {
    const known = this.subscribers.get(channel);
    if (known) {
      known.add(subscriber);
      return;
    }
    this.subscribers.set(channel, new Set([subscriber]));
    if (this.client && this.listening) await sqlRun(this.client, `LISTEN ${quoteIdent(channel)}`);
    else await (this.connecting ??= this.connect());
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, keepAlive: true, options: SESSION_OPTIONS });
    client.on('notification', (n) =>
      this.subscribers.get(n.channel)?.forEach((s) => s.notified(n.payload ?? '')),
    );
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await sqlRun(client, `LISTEN ${quoteIdent(channel)}`);
      if (this.stopped) {
        client.removeAllListeners('end');
        await client.end();
        return;
      }
      this.client = client;
      this.listening = true;
      this.resetAll();
    } catch (error) {
      this.lost(client, error as Error);
    } finally {
      this.connecting = undefined;
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client && this.client !== client) return;
    const wasListening = this.listening;
    this.listening = false;
    this.client = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.resetAll();
    if (this.stopped || this.retry) return;
    if (wasListening || error)
      this.logger.warn(`LISTEN connection lost (${error?.message ?? 'closed'}); retrying`);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.stopped) void (this.connecting ??= this.connect());
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private resetAll(): void {
    for (const set of this.subscribers.values()) set.forEach((s) => s.reset());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.listening = false;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
