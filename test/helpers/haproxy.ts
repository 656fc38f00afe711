import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';
import { waitForPort } from './ports';

/** Debian's HAProxy (package `haproxy`; .ci/run installs it). */
export const HAPROXY = '/usr/sbin/haproxy';

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of API replicas on loopback, as deploy/haproxy.cfg runs it in docker-compose:
 * round robin, health-checked on /health/ready, X-Forwarded-For added (the replicas trust it
 * through TRUST_PROXY).
 */
export async function startHaproxy(replicaPorts: number[]): Promise<Balancer> {
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install haproxy (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'pledgewatch-haproxy-'));
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  option forwardfor',
      'frontend api',
      `  bind 127.0.0.1:${port}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      ...replicaPorts.map((p, i) => `  server api${i} 127.0.0.1:${p} check inter 1s`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-f', config, '-db'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, 'haproxy', () => child.exitCode !== null);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
