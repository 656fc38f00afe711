import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A few rules CONTRIBUTING.md, docs/ARCHITECTURE.md and docs/api.md state, checked against the
 * code: when one of these fails, either the code broke the rule or the doc no longer says what the
 * code does — fix whichever is wrong.
 */
const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** Markdown with its line breaks folded, so a statement is found wherever the paragraph wraps. */
const prose = (path: string) => read(path).replace(/\s+/g, ' ');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [
            relative(ROOT, join(ROOT, dir, entry.name))
              .split('\\')
              .join('/'),
          ]
        : [],
  );
}
const grep = (pattern: RegExp) => sourceFiles('src').filter((file) => pattern.test(read(file)));

describe('the docs say what the code does', () => {
  it('should run no `.query(` outside repositories and src/database/, as CONTRIBUTING.md says', () => {
    expect(prose('CONTRIBUTING.md')).toContain(
      'every SQL statement lives in the `*.repository.ts` of the feature that owns its table',
    );
    expect(
      grep(/\.query\s*[<(]/).filter(
        (file) => !file.endsWith('.repository.ts') && !file.startsWith('src/database/'),
      ),
    ).toEqual([]);
  });

  it('should name in ADR 0005 every repository there is, and no other', () => {
    const adr = read('docs/adr/0005-a-repository-per-table-owner.md');
    const named = new Set([...adr.matchAll(/`([\w./-]+\.repository\.ts)`/g)].map((m) => m.at(1)!));
    const files = sourceFiles('src')
      .filter((file) => file.endsWith('.repository.ts'))
      .map((file) => file.replace(/^src\/[\w-]+\//, ''));
    expect([...named].filter((name) => !files.includes(name))).toEqual([]);
    expect(files.filter((name) => !named.has(name))).toEqual([]);
  });

  it('should page every list with Keyset but the item list, as CONTRIBUTING.md and docs/api.md say', () => {
    expect(prose('CONTRIBUTING.md')).toContain('every list but the item list pages with `Keyset`');
    expect(prose('docs/api.md')).toContain('One helper does it for every list but the items: `Keyset`');
    // Cursors decoded or pages built by hand, outside the pagination helpers themselves.
    const byHand = grep(/\b(decodeCursor|encodeCursor|toPage)\(/).filter((f) => !f.startsWith('src/common/'));
    expect(byHand).toEqual(['src/items/items-read.service.ts', 'src/items/items.query.ts']);
  });

  it('should state the status counters’ shard count that the database function uses', () => {
    const declared = read('src/database/functions/status-counts.ts');
    const moduli = new Set([...declared.matchAll(/pg_backend_pid\(\) % (\d+)/g)].map((m) => m[1]));
    expect(moduli.size).toBe(1);
    const [shards] = [...moduli];
    for (const doc of ['docs/ARCHITECTURE.md', 'docs/search-and-stats.md']) {
      const stated = [...prose(doc).matchAll(/(\d+) shards/g)].map((m) => m[1]);
      expect({ doc, stated }).toEqual({ doc, stated: stated.map(() => shards) });
      expect(stated.length).toBeGreaterThan(0);
    }
  });

  it('should draw the layers of ARCHITECTURE.md as .dependency-cruiser.cjs declares them', () => {
    const config = read('.dependency-cruiser.cjs');
    const declared = /const LAYERS = \[([\s\S]*?)\n\];/
      .exec(config)![1]
      .split('\n')
      .filter((line) => line.trim().startsWith('['))
      .map((line) => [...line.matchAll(/'([\w/-]+)'/g)].map((m) => m[1]).filter((f) => !f.includes('/')));
    const drawn = /no cycles between feature folders: (.*?)\. /
      .exec(prose('docs/ARCHITECTURE.md'))![1]
      .split('→')
      .map((layer) => layer.split(',').map((folder) => folder.trim()));
    expect(drawn).toEqual(declared);
  });
});
