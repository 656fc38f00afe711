import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';
import { waitForPort } from './ports';

/** Debian's pgbouncer (package `pgbouncer`; .ci/run installs it). */
export const PGBOUNCER = '/usr/sbin/pgbouncer';
export const hasPgBouncer = (): boolean => existsSync(PGBOUNCER);

export interface PgBouncer {
  /** `url`'s database through the pooler. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PgBouncer in transaction mode in front of the database of `url`, as most teams run it: a server
 * connection is lent for one transaction, so nothing may rely on session state. The settings the
 * service passes at connection start (`statement_timeout`, `options`) are not forwarded by a
 * pooler; `connect_query` sets them on each server connection instead (docs/scaling.md).
 */
export async function startPgBouncer(url: string): Promise<PgBouncer> {
  const target = new URL(url);
  const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-pgbouncer-'));
  chmodSync(dir, 0o777); // pgbouncer refuses to run as root; it runs as postgres and writes here
  const port = await freePort();
  const server = [
    `host=${target.hostname}`,
    `port=${target.port}`,
    `user=${decodeURIComponent(target.username)}`,
    `password=${decodeURIComponent(target.password)}`,
    `connect_query='SET statement_timeout = 30000; SET timezone = ''UTC'''`,
  ].join(' ');
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = ${server}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 8',
      'max_client_conn = 500',
      'ignore_startup_parameters = extra_float_digits,statement_timeout,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(
    PGBOUNCER,
    [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, 'pgbouncer', () => child.exitCode !== null).catch((error: Error) => {
    const log = join(dir, 'pgbouncer.log');
    throw new Error(`${error.message}: ${existsSync(log) ? readFileSync(log, 'utf8') : 'no log'}`);
  });
  const pooled = new URL(url);
  pooled.port = String(port);
  return {
    url: pooled.toString(),
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}
