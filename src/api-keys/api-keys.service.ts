import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiKey, Role } from '../auth/api-key.entity';
import { AuthErrors } from '../auth/auth.errors';
import { Authenticator, hashKey, keyPrefix } from '../auth/authenticator';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { ApiKeysRepository } from './api-keys.repository';

/** The unique violation of `api_keys_name_key` (migrations/…-UniqueApiKeyNames.ts). */
function isNameTaken(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'api_keys_name_key'
  );
}

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
  keys: ApiKeysRepository,
  audit: AuditService,
  { name, role, by, orSuffixed = false }: { name: string; role: Role; by: string; orSuffixed?: boolean },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = `pw_${randomBytes(32).toString('base64url')}`;
  const taken = await keys.nameExists(m, name);
  if (taken && !orSuffixed) throw nameTaken(name);
  const stored = taken ? `${name} ${keyPrefix(secret)}` : name;
  const key = await keys.insert(m, {
    name: stored,
    role,
    keyHash: hashKey(secret),
    keyPrefix: keyPrefix(secret),
  });
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: ApiKeysRepository,
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
      return await this.db.transaction((m) =>
        issueApiKey(m, this.keys, this.audit, { name, role, by, orSuffixed: options.orSuffixed }),
      );
    } catch (error) {
      // Two creators racing for one name: the second meets the unique index.
      if (isNameTaken(error)) throw nameTaken(name);
      throw error;
    }
  }

  /** Oldest first (the first admin key at the top). */
  list(query: PageQuery): Promise<Page<ApiKey>> {
    return this.keys.page(query);
  }

  /** Other replicas hear of it through the trigger's notification; this one forgets the key at once. */
  async revoke(id: string, by: string): Promise<void> {
    const hash = await this.db.transaction(async (m) => {
      const revoked = await this.keys.revoke(m, id);
      if (revoked === undefined)
        throw new ProblemError(
          AuthErrors.KEY_NOT_FOUND,
          `API key ${id} does not exist or is already revoked`,
        );
      await this.audit.record(m, { actor: by, action: 'revoke', entityType: 'api_key', entityId: id });
      return revoked;
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
      await this.db.transaction(async (m) => {
        // A new ADMIN_API_KEY beside an earlier one is named apart by its prefix (names are unique).
        const inserted = await this.keys.insertAdminKey(
          m,
          hash,
          keyPrefix(adminKey),
          'admin (ADMIN_API_KEY)',
        );
        if (inserted)
          await this.audit.record(m, {
            actor: 'system',
            action: 'bootstrap',
            entityType: 'api_key',
            entityId: inserted.id,
            change: { name: inserted.name, role: 'admin', source: 'ADMIN_API_KEY' },
          });
      });
      if (await this.keys.isRevoked(hash))
        this.logger.warn('ADMIN_API_KEY was revoked and stays revoked; set a new ADMIN_API_KEY to use one');
      return null;
    }
    const existing = await this.keys.countUnrevokedAdmins();
    if (existing > 0) return null;
    const { secret } = await this.create('admin (first start)', 'admin', 'system', { orSuffixed: true });
    return secret;
  }
}
