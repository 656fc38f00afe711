import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTOR_KINDS } from '../../src/actors/actor-kinds';
import { FOLLOW_UP_STATES } from '../../src/follow-ups/follow-up-state';
import { DUE_PRECISIONS } from '../../src/items/due-window';
import {
  ACTOR_ROLES,
  ALL_STATUSES,
  CITATION_ROLES,
  ITEM_KINDS,
  PROGRESS_STAGES,
  QUALIFIERS,
  RECURRENCES,
} from '../../src/items/status-scales';
import { SOURCE_KINDS } from '../../src/sources/source-kinds';
import { Catalogue, en } from '../../web/locales/en';
import { fr } from '../../web/locales/fr';

const WEB = join(__dirname, '..', '..', 'web');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') keys.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) keys.set(k, v);
  }
  return keys;
}

const catalogues = { en: flatten(en), fr: flatten(fr) };
/** What code asks for: plural keys answer to their stem. */
const lookups = (lang: 'en' | 'fr') =>
  new Set([...catalogues[lang].keys()].map((k) => k.replace(PLURAL, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The keys the pages use: every `t('…')` and every quoted `namespace.key` (keys kept in tables,
 * like the sort options), file names such as `items.csv` aside.
 */
function usedKeys(): Set<string> {
  const namespaces = Object.keys(en).join('|');
  const quoted = new RegExp(`'((?:${namespaces})\\.[A-Za-z0-9_.]+)'`, 'g');
  const called = /\bt\(\s*'([^']+)'/g;
  const keys = new Set<string>();
  for (const file of sourceFiles(WEB)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(called)) keys.add(m[1]);
    for (const m of code.matchAll(quoted)) if (!/\.(csv|json)$/.test(m[1])) keys.add(m[1]);
  }
  return keys;
}

describe('workbench message catalogues (web/locales)', () => {
  it('should find the keys the pages use, so the checks below have something to check', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(150);
    expect(used).toContain('sources.add.submit');
    expect(used).toContain('items.sort.newest');
  });

  it.each(['en', 'fr'] as const)('should have every key the pages use in %s', (lang) => {
    const known = lookups(lang);
    expect([...usedKeys()].filter((key) => !known.has(key))).toEqual([]);
  });

  it('should have the same keys in French and English (plural forms aside)', () => {
    expect([...lookups('fr')].sort()).toEqual([...lookups('en')].sort());
  });

  it.each(['en', 'fr'] as const)('should give each plural in %s every form the language has', (lang) => {
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const stems = [...catalogues[lang].keys()]
      .filter((k) => PLURAL.test(k))
      .map((k) => k.replace(PLURAL, ''));
    expect(stems.length).toBeGreaterThan(0);
    for (const stem of new Set(stems))
      for (const form of forms.filter((f) => f !== 'zero' && f !== 'two' && f !== 'few'))
        expect(catalogues[lang].has(`${stem}_${form}`) ? stem : `${stem}_${form} missing`).toBe(stem);
  });

  it('should fill in the same values in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of catalogues.en) {
      const french = catalogues.fr.get(key) ?? catalogues.fr.get(key.replace(PLURAL, '_other'));
      expect({ key, names: placeholders(french ?? '') }).toEqual({ key, names: placeholders(text) });
    }
  });

  it.each(['en', 'fr'] as const)('should name every word of the API vocabularies in %s', (lang) => {
    const words = [
      ...ITEM_KINDS,
      ...ALL_STATUSES,
      ...RECURRENCES,
      ...QUALIFIERS,
      ...PROGRESS_STAGES,
      'pledged',
      ...ACTOR_ROLES,
      ...CITATION_ROLES,
      ...ACTOR_KINDS,
      ...DUE_PRECISIONS,
      ...SOURCE_KINDS,
      ...FOLLOW_UP_STATES,
    ];
    expect(words.filter((w) => !catalogues[lang].has(`word.${w}`))).toEqual([]);
  });
});
