import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiKey, Role } from '../auth/api-key.entity';
import { AuthErrors } from '../auth/auth.errors';
import { Authenticator, hashKey, keyPrefix } from '../auth/authenticator';
import { Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';

const KEYS_ORDER = new Keyset(
  [
    { sql: 'k.created_at', type: 'timestamptz' },
    { sql: 'k.id', type: 'uuid' },
  ],
  'ASC',
);

/**
 * A new key in the caller's transaction: stored as its hash, with its audit row; the secret is
 * returned once. The service and `npm run admin-key` (no Nest, straight to the database) use it.
 */
export async function issueApiKey(
  m: EntityManager,
  audit: AuditService,
  { name, role, by }: { name: string; role: Role; by: string },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = `pw_${randomBytes(32).toString('base64url')}`;
  const key = await m.save(
    m.create(ApiKey, { name, role, keyHash: hashKey(secret), keyPrefix: keyPrefix(secret) }),
  );
  await audit.record(m, {
    actor: by,
    action: 'create',
    entityType: 'api_key',
    entityId: key.id,
    change: { name, role },
  });
  return { key, secret };
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
    private readonly authenticator: Authenticator,
  ) {}

  create(name: string, role: Role, by: string): Promise<{ key: ApiKey; secret: string }> {
    return this.keys.manager.transaction((m) => issueApiKey(m, this.audit, { name, role, by }));
  }

  /** Oldest first (the first admin key at the top). */
  list(query: PageQuery): Promise<Page<ApiKey>> {
    return KEYS_ORDER.entityPage(this.keys.createQueryBuilder('k'), query);
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
    this.authenticator.forget(hash);
  }

  /**
   * ADMIN_API_KEY becomes an admin key (audited as `bootstrap` the first time); without it, and
   * with no admin key at all, one is created and returned (the caller prints it once). A revoked ADMIN_API_KEY stays
   * revoked: a restart does not bring it back (set a new one instead).
   */
  async bootstrap(adminKey: string | undefined): Promise<string | null> {
    if (adminKey) {
      const hash = hashKey(adminKey);
      await this.keys.manager.transaction(async (m) => {
        const inserted: { id: string }[] = await m.query(
          `INSERT INTO api_keys (name, role, key_hash, key_prefix) VALUES ('admin (ADMIN_API_KEY)', 'admin', $1, $2)
           ON CONFLICT (key_hash) DO NOTHING RETURNING id`,
          [hash, keyPrefix(adminKey)],
        );
        if (inserted.length > 0)
          await this.audit.record(m, {
            actor: 'system',
            action: 'bootstrap',
            entityType: 'api_key',
            entityId: inserted[0].id,
            change: { name: 'admin (ADMIN_API_KEY)', role: 'admin', source: 'ADMIN_API_KEY' },
          });
      });
      const revoked = await this.keys.findOne({ where: { keyHash: hash }, select: { revokedAt: true } });
      if (revoked?.revokedAt)
        this.logger.warn('ADMIN_API_KEY was revoked and stays revoked; set a new ADMIN_API_KEY to use one');
      return null;
    }
    const existing = await this.keys.countBy({ role: 'admin', revokedAt: IsNull() });
    if (existing > 0) return null;
    const { secret } = await this.create('admin (first start)', 'admin', 'system');
    return secret;
  }
}
