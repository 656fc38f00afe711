import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { NotifiedCache } from '../common/notified-cache';
import { APP_CONFIG, AppConfig } from '../config';
import { DatabaseListener } from '../database/listener';
import { IssuedApiKeys } from './issued-api-keys';
import { Principal } from './roles.decorator';

/** API keys are stored as their SHA-256: a leaked table reveals no usable key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The first characters of a key, stored beside its hash to tell keys apart (never enough to use one). */
export function keyPrefix(key: string): string {
  return key.slice(0, 10);
}

/** How often, at most, the prefixes of the issued keys are read again when an unknown one is asked for. */
const PREFIXES_REFRESH_MS = 1000;

/** A trigger on api_keys notifies this channel with the key's hash on every update or delete. */
export const API_KEY_CHANNEL = 'pw_api_keys';

/** Presented key → the principal it stands for, or null. */
@Injectable()
export class Authenticator implements OnModuleInit {
  /**
   * Authenticated keys by hash, so a request costs no key lookup. A revocation reaches every
   * replica through LISTEN/NOTIFY within milliseconds; entries also expire after
   * API_KEY_CACHE_TTL_MS, and nothing is cached while the LISTEN connection is down.
   */
  private readonly cache: NotifiedCache<Principal>;

  constructor(
    private readonly keys: IssuedApiKeys,
    private readonly listener: DatabaseListener,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new NotifiedCache<Principal>({
      ttlMs: config.API_KEY_CACHE_TTL_MS,
      maxEntries: 10_000,
      trusted: () => listener.listening,
      keyOf: (hash) => hash,
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.cache.enabled) await this.listener.subscribe(API_KEY_CHANNEL, this.cache);
  }

  /** Looks the key up by its hash (in the cache first), then compares the hashes in constant time. */
  async authenticate(presented: string): Promise<Principal | null> {
    const hash = hashKey(presented);
    return this.cache.get(hash, async () => {
      const key = await this.keys.findUnrevoked(hash);
      if (!key || !timingSafeEqual(Buffer.from(key.keyHash), Buffer.from(hash))) return null;
      return { keyId: key.id, name: key.name, role: key.role };
    });
  }

  private prefixes = new Set<string>();
  private prefixesReadAt = 0;
  private reading?: Promise<void>;

  /**
   * Whether some unrevoked key starts with `prefix`. An address that failed too often may still
   * present such keys (see AuthFailures). The prefixes are read again for an unknown one, at most
   * once a second however many are asked for (callers wait for the next reading, so a key issued
   * a moment ago on another replica is found within a second), which costs the database next to nothing.
   */
  async issuedPrefix(prefix: string): Promise<boolean> {
    if (this.prefixes.has(prefix)) return true;
    await (this.reading ??= this.readPrefixes());
    return this.prefixes.has(prefix);
  }

  private async readPrefixes(): Promise<void> {
    try {
      const wait = this.prefixesReadAt + PREFIXES_REFRESH_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.prefixesReadAt = Date.now();
      this.prefixes = new Set(await this.keys.unrevokedPrefixes());
    } finally {
      this.reading = undefined;
    }
  }

  /** A key revoked here is forgotten at once; other replicas hear of it through the notification. */
  forget(hash: string): void {
    this.cache.invalidate(hash);
  }
}
