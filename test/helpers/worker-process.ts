import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');

/**
 * Compiles the project into `dist/<name>` (its own outDir and build info, so it never races
 * `npm run build` or another spec over dist/) and returns the path of the compiled worker.
 */
export async function buildWorker(name: string): Promise<string> {
  const build = join(ROOT, 'dist', name);
  await promisify(execFile)(
    'npx',
    ['tsc', '-p', 'tsconfig.build.json', '--outDir', build, '--tsBuildInfoFile', join(build, 'tsbuildinfo')],
    { cwd: ROOT },
  ).catch((error: Error & { stdout?: string }) =>
    console.warn(
      `tsc reported errors (the worker still builds unless they are its own):\n${(error.stdout ?? error.message).slice(0, 1000)}`,
    ),
  );
  const worker = join(build, 'src/worker.js');
  if (!existsSync(worker)) throw new Error('the worker did not compile');
  return worker;
}

/** Starts `npm run worker`'s compiled entry point; resolves once it says it runs. */
export function startWorker(worker: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [worker], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker running')) resolve(child);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it ran:\n${output}`)));
  });
}

/** Ends every worker still running (the test's own children, by their handles). */
export function killAll(workers: ChildProcess[]): void {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
}
