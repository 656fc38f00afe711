import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { IssuedApiKeys } from '../auth/issued-api-keys';
import { Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { sqlRows } from '../database/sql';

const KEYS_ORDER = new Keyset(
  [
    { sql: 'k.created_at', type: 'timestamptz' },
    { sql: 'k.id', type: 'uuid' },
  ],
  'ASC',
);

/**
 * Every statement on `api_keys` (the entity is auth's, which reads it through IssuedApiKeys).
 * Methods that take an EntityManager run in the caller's transaction; `npm run admin-key` builds
 * one on its own DataSource.
 */
@Injectable()
export class ApiKeysRepository implements IssuedApiKeys {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  nameExists(m: EntityManager, name: string): Promise<boolean> {
    return m.exists(ApiKey, { where: { name } });
  }

  insert(m: EntityManager, fields: Partial<ApiKey>): Promise<ApiKey> {
    return m.save(m.create(ApiKey, fields));
  }

  /** Oldest first. */
  page(query: PageQuery): Promise<Page<ApiKey>> {
    return KEYS_ORDER.entityPage(this.db.getRepository(ApiKey).createQueryBuilder('k'), query);
  }

  /** Revokes an unrevoked key: its hash, or undefined when there is no such unrevoked key. */
  async revoke(m: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await sqlRows<{ key_hash: string }>(
      m,
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING key_hash`,
      [id],
    );
    return row?.key_hash;
  }

  /**
   * ADMIN_API_KEY's row, unless its hash is stored already: named `name`, or, beside an earlier
   * key of that name, `name` followed by the prefix (names are unique). The new row, or undefined.
   */
  async insertAdminKey(
    m: EntityManager,
    keyHash: string,
    keyPrefix: string,
    name: string,
  ): Promise<{ id: string; name: string } | undefined> {
    const [inserted] = await sqlRows<{ id: string; name: string }>(
      m,
      // The first free of: the name, the name and the key's prefix, the name, prefix and hash's start
      // (keys that share a prefix, as generated ones often do, are still named apart).
      `INSERT INTO api_keys (name, role, key_hash, key_prefix)
       SELECT (SELECT c.name FROM unnest(ARRAY[$3, $3 || ' ' || $2, $3 || ' ' || $2 || ' ' || left($1, 8)])
                 WITH ORDINALITY AS c(name, n)
                WHERE NOT EXISTS (SELECT 1 FROM api_keys k WHERE k.name = c.name) ORDER BY c.n LIMIT 1),
              'admin', $1, $2
       ON CONFLICT (key_hash) DO NOTHING RETURNING id, name`,
      [keyHash, keyPrefix, name],
    );
    return inserted;
  }

  /** Whether the key with this hash is stored revoked. */
  async isRevoked(keyHash: string): Promise<boolean> {
    const key = await this.db.manager.findOne(ApiKey, { where: { keyHash }, select: { revokedAt: true } });
    return Boolean(key?.revokedAt);
  }

  countUnrevokedAdmins(): Promise<number> {
    return this.db.manager.countBy(ApiKey, { role: 'admin', revokedAt: IsNull() });
  }

  findUnrevoked(keyHash: string): Promise<ApiKey | null> {
    return this.db.manager.findOneBy(ApiKey, { keyHash, revokedAt: IsNull() });
  }

  async unrevokedPrefixes(): Promise<string[]> {
    const keys = await this.db.manager.find(ApiKey, {
      select: { keyPrefix: true },
      where: { revokedAt: IsNull() },
    });
    return keys.map((k) => k.keyPrefix);
  }
}
