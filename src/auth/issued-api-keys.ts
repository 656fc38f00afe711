import { ApiKey } from './api-key.entity';

/**
 * What authentication needs of `api_keys` (owned by the api-keys feature, which writes every
 * row): an unrevoked key by its hash, and the prefixes of the unrevoked keys. Both read outside
 * any transaction.
 *
 * The api-keys feature implements it (api-keys/api-keys.repository.ts) and AppModule binds the
 * two, as it does TimelineEntries: api-keys builds on auth, auth never imports it.
 */
export abstract class IssuedApiKeys {
  abstract findUnrevoked(keyHash: string): Promise<ApiKey | null>;
  abstract unrevokedPrefixes(): Promise<string[]>;
}
