import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SESSION_OPTIONS } from './session';

/** The one place that says how to reach the database; used by the app, the CLI and the tests. */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection or opening one; past it the request fails with 503. */
  connectMs: number;
  /** Server-side cap on one statement. */
  statementMs: number;
  /**
   * How long an idle pooled connection is kept before the pool closes it (pg-pool's default is
   * 10 s). The first statements on a new connection pay catalog loading and planning (about ten
   * times the same statement again, docs/performance.md), so the service keeps its warm ones.
   */
  idleMs?: number;
}

/** The entity classes TypeORM maps; the caller's list (src/entities.ts), none for migrations. */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts: DatabaseTimeouts = { connectMs: 2000, statementMs: 30000 },
  entities: EntityList = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // keepAlive notices a vanished server on idle connections; the pool replaces broken clients by itself.
    extra: {
      options: SESSION_OPTIONS,
      max: poolSize,
      connectionTimeoutMillis: timeouts.connectMs,
      idleTimeoutMillis: timeouts.idleMs ?? 10_000,
      statement_timeout: timeouts.statementMs,
      keepAlive: true,
    },
  };
}

/**
 * Applies every pending migration (plain SQL, so no entities); returns their names. No statement
 * timeout: a migration may rewrite or index millions of rows (minutes at 1,000,000 items), which
 * the requests' 30 s cap would cancel halfway.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2, { connectMs: 10_000, statementMs: 0 }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
