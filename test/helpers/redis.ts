import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../src/database/embedded';
import { waitForPort } from './ports';

/** Debian's redis-server (package `redis-server`; .ci/run installs it). */
export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A Redis on a free loopback port, in memory only, for one test file. */
export async function startRedis(port?: number): Promise<RedisProcess> {
  if (!existsSync(REDIS_SERVER))
    throw new Error(`${REDIS_SERVER} is missing: apt-get install redis-server (.ci/run does)`);
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(
    REDIS_SERVER,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(chosen, 'redis-server', () => child.exitCode !== null);
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
