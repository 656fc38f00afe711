import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { EntityManager, IsNull, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiKey, Role } from '../auth/api-key.entity';
import { AuthErrors } from '../auth/auth.errors';
import { Authenticator, hashKey, keyPrefix } from '../auth/authenticator';
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

const nameTaken = (name: string) =>
  new ProblemError(AuthErrors.NAME_TAKEN, `An API key named "${name}" exists (revoked or not)`);

/**
 * A new key in the caller's transaction: stored as its hash, with its audit row; the secret is
 * returned once. The service and `npm run admin-key` (no Nest, straight to the database) use it.
 * A taken name is 409, or with `orSuffixed` (keys the service names itself) the name followed by
 * the new key's prefix.
 */
export async function issueApiKey(
  m: EntityManager,
  audit: AuditService,
  { name, role, by, orSuffixed = false }: { name: string; role: Role; by: string; orSuffixed?: boolean },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = `pw_${randomBytes(32).toString('base64url')}`;
  const taken = await m.exists(ApiKey, { where: { name } });
  if (taken && !orSuffixed) throw nameTaken(name);
  const stored = taken ? `${name} ${keyPrefix(secret)}` : name;
  const key = await m.save(
    m.create(ApiKey, { name: stored, role, keyHash: hashKey(secret), keyPrefix: keyPrefix(secret) }),
  );
  await audit.record(m, {
    actor: by,
    action: 'create',
    entityType: 'api_key',
    entityId: key.id,
    change: { name: stored, role },
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
    try {
      return await this.keys.manager.transaction((m) =>
        issueApiKey(m, this.audit, { name, role, by, orSuffixed: options.orSuffixed }),
      );
    } catch (error) {
      // Two creators racing for one name: the second meets the unique index.
      if (isNameTaken(error)) throw nameTaken(name);
      throw error;
    }
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
          [hash, keyPrefix(adminKey), 'admin (ADMIN_API_KEY)'],
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
