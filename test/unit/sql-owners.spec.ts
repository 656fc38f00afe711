import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * ADR 0005: SQL runs only in a feature's `*.repository.ts` (and in src/database/, which runs the
 * database itself). NOT_YET_MOVED lists the files that still run SQL elsewhere; it may only
 * shrink: a file that no longer runs SQL must leave it, and no other file may join it.
 */
const NOT_YET_MOVED = [
  'src/feeds/calendar.query.ts',
  'src/feeds/changes.query.ts',
  'src/feeds/feeds.service.ts',
  'src/mail/follow-up-deliveries.query.ts',
  'src/mail/follow-up-deliveries.service.ts',
  'src/mail/mail-fanout.ts',
  'src/mail/mail-worker.ts',
];

const SRC = join(__dirname, '../../src');
/** A raw statement run (`m.query(`, `client.query(`) or one through the typed helpers of common/sql.ts. */
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
    .filter(
      (file) =>
        !file.endsWith('.repository.ts') && !file.startsWith('src/database/') && file !== 'src/common/sql.ts',
    )
    .filter((file) => RUNS_SQL.test(readFileSync(join(SRC, '..', file), 'utf8')))
    .sort();
}

describe('who runs SQL (ADR 0005)', () => {
  const offenders = runsSqlOutsideRepositories();

  it('should run SQL only in repositories, besides the files not yet moved', () => {
    expect(offenders.filter((file) => !NOT_YET_MOVED.includes(file))).toEqual([]);
  });

  it('should list as not yet moved only files that still run SQL', () => {
    expect(NOT_YET_MOVED.filter((file) => !offenders.includes(file))).toEqual([]);
  });

  it('should recognise a statement run outside a repository', () => {
    expect(RUNS_SQL.test('await m.query(`SELECT 1`)')).toBe(true);
    expect(RUNS_SQL.test('await sqlRows<{ n: number }>(m, `SELECT 1`)')).toBe(true);
    expect(RUNS_SQL.test('const { query } = request;')).toBe(false);
  });
});
