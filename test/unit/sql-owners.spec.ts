import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * ADR 0005: SQL runs only in a feature's `*.repository.ts` (and in src/database/, which runs the
 * database itself and holds the typed helpers of database/sql.ts).
 */
const SRC = join(__dirname, '../../src');
/** A raw statement run (`m.query(`, `client.query(`) or one through the typed helpers of database/sql.ts. */
const RUNS_SQL = /\.query\s*[<(]|\bsql(Rows|Row|Write|Run)\s*[<(]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

function runsSqlOutsideRepositories(): string[] {
  return sourceFiles(SRC)
    .map((file) => relative(join(SRC, '..'), file).split('\\').join('/'))
    .filter((file) => !file.endsWith('.repository.ts') && !file.startsWith('src/database/'))
    .filter((file) => RUNS_SQL.test(readFileSync(join(SRC, '..', file), 'utf8')))
    .sort();
}

describe('who runs SQL (ADR 0005)', () => {
  it('should run SQL only in repositories and src/database/', () => {
    expect(runsSqlOutsideRepositories()).toEqual([]);
  });

  it('should recognise a statement run outside a repository', () => {
    expect(RUNS_SQL.test('await m.query(`SELECT 1`)')).toBe(true);
    expect(RUNS_SQL.test('await sqlRows<{ n: number }>(m, `SELECT 1`)')).toBe(true);
    expect(RUNS_SQL.test('const { query } = request;')).toBe(false);
  });
});
