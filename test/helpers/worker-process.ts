import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');
/** Its own outDir and build info, so it never races `npm run build` over dist/. */
const BUILD = join(ROOT, 'dist', 'test-worker');
const WORKER = join(BUILD, 'src/worker.js');

/**
 * Compiles the project into dist/test-worker once per test run and returns the compiled worker's
 * path. Specs in other Jest workers that ask meanwhile wait for that one build (a lock directory
 * in the run's scratch directory, which global-setup makes and global-teardown removes). Emit
 * only (`--noCheck`): the type check is `npm run typecheck`'s; a full check here took most of the
 * build's time, three times per run.
 */
export async function buildWorker(): Promise<string> {
  const run = process.env.PLEDGEWATCH_CONTRACT_DIR;
  if (!run) throw new Error('test/setup/global-setup.ts did not run');
  const lock = join(run, 'worker-build');
  const outcome = join(lock, 'outcome');
  let builder = true;
  try {
    mkdirSync(lock);
  } catch {
    builder = false;
  }
  if (builder) {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const args = ['-p', 'tsconfig.build.json', '--noCheck', '--outDir', BUILD];
    const error = await promisify(execFile)(tsc, [...args, '--tsBuildInfoFile', join(BUILD, 'tsbuildinfo')], {
      cwd: ROOT,
    }).then(
      () => '',
      (e: Error & { stdout?: string }) => (e.stdout || e.message).slice(0, 2000),
    );
    writeFileSync(outcome, error);
  }
  const until = Date.now() + 170_000;
  while (!existsSync(outcome) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
  const error = existsSync(outcome) ? readFileSync(outcome, 'utf8') : 'the build did not finish in time';
  if (error || !existsSync(WORKER)) throw new Error(`the worker did not compile: ${error}`);
  return WORKER;
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
