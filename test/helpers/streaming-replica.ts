import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../../src/database/embedded';

/** Debian's PostgreSQL 15 (package `postgresql`; .ci/run installs it). */
export const PG15_BIN = '/usr/lib/postgresql/15/bin';
export const hasPostgres15 = (): boolean =>
  ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((tool) => existsSync(join(PG15_BIN, tool)));

const run = promisify(execFile);

export interface StreamingPair {
  /** The primary's `postgres` database. */
  primaryUrl: string;
  /** The hot standby's, fed by streaming replication from the primary. */
  standbyUrl: string;
  /** Stops the standby alone (immediate shutdown), as a replica that goes away. */
  stopStandby(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A primary and a streaming hot standby of Debian's PostgreSQL 15, as a team would run them: the
 * primary with `wal_level = replica` and a replication entry in pg_hba.conf, the standby cloned by
 * `pg_basebackup -R` (which writes its primary_conninfo and standby.signal). PostgreSQL refuses
 * to run as root, so as root every tool runs as the `postgres` user, in a 0777 temp directory.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-replica-'));
  chmodSync(dir, 0o777);
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'password');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primary = join(dir, 'primary');
  const standby = join(dir, 'standby');
  const env = { ...process.env, PGPASSWORD: password };
  const asPostgres = async (tool: string, args: string[]) => {
    const [file, argv] =
      process.getuid?.() === 0
        ? ['runuser', ['-u', 'postgres', '--', join(PG15_BIN, tool), ...args]]
        : [join(PG15_BIN, tool), args];
    try {
      await run(file, argv, { env, cwd: dir, timeout: 120_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.message}`);
    }
  };

  await asPostgres('initdb', ['-D', primary, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256']);
  appendFileSync(
    join(primary, 'postgresql.conf'),
    [
      '',
      `port = ${primaryPort}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'fsync = off',
      'max_connections = 100',
      `timezone = 'UTC'`,
      '',
    ].join('\n'),
  );
  appendFileSync(join(primary, 'pg_hba.conf'), 'host replication postgres 127.0.0.1/32 scram-sha-256\n');
  const stops: (() => Promise<void>)[] = [];
  const stopStandby = () => asPostgres('pg_ctl', ['-D', standby, '-m', 'immediate', '-w', 'stop']);
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', '-t', '60', 'start']);
    stops.push(() => asPostgres('pg_ctl', ['-D', primary, '-m', 'immediate', '-w', 'stop']));
    await asPostgres('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', standby, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    appendFileSync(join(standby, 'postgresql.conf'), `\nport = ${standbyPort}\n`);
    await asPostgres('pg_ctl', ['-D', standby, '-l', join(dir, 'standby.log'), '-w', '-t', '60', 'start']);
    stops.push(() => (existsSync(join(standby, 'postmaster.pid')) ? stopStandby() : Promise.resolve()));
  } catch (error) {
    await stop();
    throw error;
  }
  const url = (port: number) => `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return { primaryUrl: url(primaryPort), standbyUrl: url(standbyPort), stopStandby, stop };
}

/** One statement on a short-lived connection (replay control on the standby, positions on the primary). */
export async function queryOnce<Row extends object>(url: string, sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary has written so far. */
export async function waitForReplay(pair: StreamingPair, timeoutMs = 10_000): Promise<void> {
  const [{ lsn }] = await queryOnce<{ lsn: string }>(
    pair.primaryUrl,
    'SELECT pg_current_wal_lsn()::text AS lsn',
  );
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [{ done }] = await queryOnce<{ done: boolean }>(
      pair.standbyUrl,
      `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
    );
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the standby did not replay ${lsn} within ${timeoutMs} ms`);
}
