import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { NotifiedCache } from '../common/notified-cache';
import { APP_CONFIG, AppConfig } from '../config';
import { DatabaseListener } from '../database/listener';
import { ApiKey } from './api-key.entity';
import { Principal } from './roles.decorator';

/** API keys are stored as their SHA-256: a leaked table reveals no usable key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

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
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
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
      const key = await this.keys.findOneBy({ keyHash: hash, revokedAt: IsNull() });
      if (!key || !timingSafeEqual(Buffer.from(key.keyHash), Buffer.from(hash))) return null;
      return { keyId: key.id, name: key.name, role: key.role };
    });
  }

  /** A key revoked here is forgotten at once; other replicas hear of it through the notification. */
  forget(hash: string): void {
    this.cache.invalidate(hash);
  }
}
