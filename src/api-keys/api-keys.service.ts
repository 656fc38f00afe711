import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiKey, Role } from '../auth/api-key.entity';
import { AuthErrors } from '../auth/auth.errors';
import { Authenticator, hashKey } from '../auth/authenticator';
import { Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';

/** The unique violation of `api_keys_name_key` (migrations/…-UniqueApiKeyNames.ts). */
function isNameTaken(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'api_keys_name_key'
  );
}

const KEYS_ORDER = new Keyset(
  [
    { sql: 'k.created_at', type: 'timestamptz' },
    { sql: 'k.id', type: 'uuid' },
  ],
  'ASC',
);

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
    private readonly authenticator: Authenticator,
  ) {}

  /**
   * Names are unique, revoked keys included (the audit trail and the caps name keys by name): a
   * taken name is 409, or, for keys the service names itself (`orSuffixed`), the name followed by
   * the new key's prefix.
   */
  async create(
    name: string,
    role: Role,
    by: string,
    options: { orSuffixed?: boolean } = {},
  ): Promise<{ key: ApiKey; secret: string }> {
    const secret = `pw_${randomBytes(32).toString('base64url')}`;
    try {
      return await this.insert(name, role, by, secret);
    } catch (error) {
      if (!isNameTaken(error)) throw error;
      if (options.orSuffixed) return this.insert(`${name} ${secret.slice(0, 10)}`, role, by, secret);
      throw new ProblemError(AuthErrors.NAME_TAKEN, `An API key named "${name}" exists (revoked or not)`);
    }
  }

  private insert(
    name: string,
    role: Role,
    by: string,
    secret: string,
  ): Promise<{ key: ApiKey; secret: string }> {
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
        // A new ADMIN_API_KEY beside an earlier one is named apart by its prefix (names are unique).
        const inserted: { id: string; name: string }[] = await m.query(
          `INSERT INTO api_keys (name, role, key_hash, key_prefix)
           SELECT CASE WHEN EXISTS (SELECT 1 FROM api_keys WHERE name = $3) THEN $3 || ' ' || $2 ELSE $3 END, 'admin', $1, $2
           ON CONFLICT (key_hash) DO NOTHING RETURNING id, name`,
          [hash, adminKey.slice(0, 10), 'admin (ADMIN_API_KEY)'],
        );
        if (inserted.length > 0)
          await this.audit.record(m, {
            actor: 'system',
            action: 'bootstrap',
            entityType: 'api_key',
            entityId: inserted[0].id,
            change: { name: inserted[0].name, role: 'admin', source: 'ADMIN_API_KEY' },
          });
      });
      const revoked = await this.keys.findOne({ where: { keyHash: hash }, select: { revokedAt: true } });
      if (revoked?.revokedAt)
        this.logger.warn('ADMIN_API_KEY was revoked and stays revoked; set a new ADMIN_API_KEY to use one');
      return null;
    }
    const existing = await this.keys.countBy({ role: 'admin', revokedAt: IsNull() });
    if (existing > 0) return null;
    const { secret } = await this.create('admin (first start)', 'admin', 'system', { orSuffixed: true });
    return secret;
  }
}
