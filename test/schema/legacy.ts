import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, MigrationInterface } from 'typeorm';
import * as ts from 'typescript';
import { dataSourceOptions } from '../../src/database/data-source';

/**
 * The migrations the baseline squashed, as they were at the last commit that had them: what an
 * existing deployment ran. Read from git history and compiled on the fly, so the upgrade path
 * (old migrations, then this release's) can be built and compared with a fresh database.
 */
export const LEGACY_COMMIT = '1ad2d89d7264faa0ed7ceff908f5376e7d881719';

type MigrationClass = new () => MigrationInterface;

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The squashed migration classes, or why they cannot be had (no git, or a clone without that commit). */
export function legacyMigrations(): { migrations: MigrationClass[] } | { unavailable: string } {
  let root: string;
  let files: string[];
  try {
    root = git(['rev-parse', '--show-toplevel'], __dirname).trim();
    files = git(['ls-tree', '--name-only', LEGACY_COMMIT, 'migrations/'], root).split('\n').filter(Boolean);
  } catch (error) {
    return {
      unavailable: `git history without commit ${LEGACY_COMMIT.slice(0, 7)}: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  // Inside node_modules, so that the compiled files find typeorm.
  const cache = join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'pledgewatch-legacy-'));
  try {
    for (const file of files) {
      const source = git(['show', `${LEGACY_COMMIT}:${file}`], root);
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(dir, file.replace(/^migrations\//, '').replace(/\.ts$/, '.js')), js);
    }
    const migrations = files.flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled just now, from git history
      const module = require(join(dir, file.replace(/^migrations\//, '').replace(/\.ts$/, '.js'))) as Record<
        string,
        unknown
      >;
      return Object.values(module).filter(
        (value): value is MigrationClass =>
          typeof value === 'function' && 'up' in (value.prototype as object),
      );
    });
    return { migrations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the squashed migrations on the database at `url`, as a deployment before the baseline did. */
export async function runLegacyMigrations(url: string, migrations: MigrationClass[]): Promise<void> {
  const ds = new DataSource({
    ...dataSourceOptions(url, 2, { connectMs: 10_000, statementMs: 0 }),
    migrations,
  });
  await ds.initialize();
  try {
    await ds.runMigrations();
  } finally {
    await ds.destroy();
  }
}
