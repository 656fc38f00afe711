import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { NotifiedCache } from '../common/notified-cache';
import { ProblemError } from '../common/problem';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config';
import { DatabaseListener } from '../database/listener';
import { ApiKey, Role } from './api-key.entity';
import { AuthErrors } from './auth.errors';
import { Principal } from './roles.decorator';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A trigger on api_keys notifies this channel with the key's hash on every update or delete. */
export const API_KEY_CHANNEL = 'pw_api_keys';

@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger('ApiKeys');
  /**
   * Authenticated keys by hash, so a request costs no key lookup. A revocation reaches every
   * replica through LISTEN/NOTIFY within milliseconds; entries also expire after
   * API_KEY_CACHE_TTL_MS, and nothing is cached while the LISTEN connection is down.
   */
  private readonly cache: NotifiedCache<Principal>;

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
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

  async create(name: string, role: Role, by: string): Promise<{ key: ApiKey; secret: string }> {
    const secret = `pw_${randomBytes(32).toString('base64url')}`;
    return this.keys.manager.transaction(async (m) => {
      const key = await m.save(
        m.create(ApiKey, { name, role, keyHash: hashKey(secret), keyPrefix: secret.slice(0, 10) }),
      );
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'api_key',
        entityId: key.id,
        change: { name, role },
      });
      return { key, secret };
    });
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Other replicas hear of it through the trigger's notification; this one forgets the key at once. */
  async revoke(id: string, by: string): Promise<void> {
    const hash = await this.keys.manager.transaction(async (m) => {
      const [rows, affected]: [{ key_hash: string }[], number] = await m.query(
        `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING key_hash`,
        [id],
      );
      if (!affected)
        throw new ProblemError(
          AuthErrors.KEY_NOT_FOUND,
          `API key ${id} does not exist or is already revoked`,
        );
      await this.audit.record(m, { actor: by, action: 'revoke', entityType: 'api_key', entityId: id });
      return rows[0].key_hash;
    });
    this.cache.invalidate(hash);
  }

  /**
   * ADMIN_API_KEY becomes an admin key; without it, and with no admin key at all,
   * one is created and printed once.
   */
  async bootstrap(adminKey: string | undefined): Promise<string | null> {
    if (adminKey) {
      const hash = hashKey(adminKey);
      await this.keys.query(
        `INSERT INTO api_keys (name, role, key_hash, key_prefix) VALUES ('admin (ADMIN_API_KEY)', 'admin', $1, $2)
         ON CONFLICT (key_hash) DO UPDATE SET revoked_at = NULL`,
        [hash, adminKey.slice(0, 10)],
      );
      return null;
    }
    const existing = await this.keys.countBy({ role: 'admin', revokedAt: IsNull() });
    if (existing > 0) return null;
    const { secret } = await this.create('admin (first start)', 'admin', 'system');
    this.logger.warn(`Created the first admin API key; it is shown only once: ${secret}`);
    return secret;
  }
}
