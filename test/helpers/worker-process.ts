import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
/** Its own outDir and build info, so it never races `npm run build` over dist/. */
const BUILD = join(ROOT, 'dist', 'test-worker');
const WORKER = join(BUILD, 'src/worker.js');

/**
 * Compiles the project into dist/test-worker once per test run and returns the compiled worker's
 * path. Specs in other Jest workers that ask meanwhile wait for that one build (a lock directory
 * in the run's scratch directory, which global-setup makes and global-teardown removes).
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
    let error = '';
    try {
      transpileProject();
    } catch (e) {
      error = String((e as Error).stack ?? e).slice(0, 2000);
    }
    writeFileSync(outcome, error);
  }
  const until = Date.now() + 170_000;
  while (!existsSync(outcome) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
  const error = existsSync(outcome) ? readFileSync(outcome, 'utf8') : 'the build did not finish in time';
  if (error || !existsSync(WORKER)) throw new Error(`the worker did not compile: ${error}`);
  return WORKER;
}

/**
 * Every file of src/ and migrations/ transpiled on its own (`ts.transpileModule`, as ts-jest does
 * for the specs: tsconfig.json has `isolatedModules`), and the JSON files they import copied.
 * Written here by hand because `tsc --noCheck` still parsed and bound the declarations of every
 * package the code imports: 12–14 s of CPU per run against 7–9 s here. The type check is
 * `npm run typecheck`'s.
 */
function transpileProject(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only by the specs that start a worker
  const ts = require('typescript') as typeof import('typescript');
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.convertCompilerOptionsFromJson(
    (config as { compilerOptions: object }).compilerOptions,
    ROOT,
  );
  for (const file of ['src', 'migrations'].flatMap((dir) => filesUnder(join(ROOT, dir)))) {
    const out = join(BUILD, relative(ROOT, file));
    mkdirSync(dirname(out), { recursive: true });
    if (file.endsWith('.json')) {
      copyFileSync(file, out);
      continue;
    }
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const js = out.replace(/\.ts$/, '.js');
    const { outputText, sourceMapText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    });
    writeFileSync(js, outputText);
    if (sourceMapText) writeFileSync(`${js}.map`, sourceMapText);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
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
