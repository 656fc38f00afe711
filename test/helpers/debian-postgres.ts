import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';

/**
 * A throwaway cluster of the distribution's PostgreSQL (Debian: `apt-get install postgresql-15`),
 * for running the service on another major version than the embedded one. As root the server
 * runs as the `postgres` user (PostgreSQL refuses root), so the data lives in a temp dir that user
 * can reach. Trust authentication on 127.0.0.1 only, on a free port; fsync off.
 */
export const debianPostgresBin = (major: number) => `/usr/lib/postgresql/${major}/bin`;

export function hasDebianPostgres(major: number): boolean {
  return existsSync(join(debianPostgresBin(major), 'postgres'));
}

export interface DebianPostgres {
  url: string;
  stop(): Promise<void>;
}

function asPostgres(bin: string, args: string[]): { command: string; args: string[] } {
  return process.getuid?.() === 0
    ? { command: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] }
    : { command: bin, args };
}

export async function startDebianPostgres(major: number): Promise<DebianPostgres> {
  const bin = debianPostgresBin(major);
  const dir = mkdtempSync(join(tmpdir(), `pledgewatch-pg${major}-`));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const { command, args: all } = asPostgres(join(bin, tool), args);
    execFileSync(command, all, { stdio: 'pipe', timeout: 120_000 });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const port = await freePort();
  const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
