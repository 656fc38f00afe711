import { wordGroups } from '../../src/items/similarity/queries';
import { contentWords } from '../../src/items/similarity/traits';
import {
  groupRows,
  lexemeStats,
  PROBE_ROW_BUDGET,
  probeGroups,
} from '../../src/items/similarity/word-rarity';

/** Statistics of a 100,000-item table where the listed lexemes have these shares. */
const statsOf = (shares: Record<string, number>) =>
  lexemeStats({
    elems: Object.keys(shares),
    // pg_stats lists each share, then the smallest and the largest.
    freqs: [...Object.values(shares), Math.min(...Object.values(shares)), Math.max(...Object.values(shares))],
    rows: 100_000,
  });

const groupsOf = (text: string) => wordGroups(contentWords(text, 'en'));
const termsOf = (groups: ReturnType<typeof groupsOf>) => groups.map((g) => g.map((p) => p.terms).join(' / '));

describe('the rarer words a full-text stage asks the index for', () => {
  it('asks for every word when the table has no statistics yet', () => {
    const groups = groupsOf('tungsten foundry drones');
    expect(probeGroups(groups, null, 500)).toEqual(groups);
    expect(lexemeStats(undefined)).toBeNull();
    expect(lexemeStats({ elems: null, freqs: null, rows: 0 })).toBeNull();
  });

  it('leaves out the most common word even when all are rare: two of the words still meet one of the rest', () => {
    const stats = statsOf({ drone: 0.001, tungsten: 0.0002, foundri: 0.0002 });
    expect(termsOf(probeGroups(groupsOf('tungsten foundry drones'), stats, 500))).toEqual([
      'tungsten',
      'foundry',
    ]);
  });

  it('keeps only the rarest words when the rest would bring more rows than the budget', () => {
    const stats = statsOf({ drone: 0.2, barg: 0.3, crane: 0.05, tungsten: 0.0002 });
    const asked = probeGroups(groupsOf('barges cranes drones from a tungsten mine'), stats, 500);
    // "mine" is not listed: rarer than the rarest listed lexeme.
    expect(termsOf(asked)).toEqual(['tungsten', 'mine']);
    expect(asked.reduce((sum, g) => sum + groupRows(g, stats!), 0)).toBeLessThanOrEqual(PROBE_ROW_BUDGET);
  });

  it('keeps the rarest word alone when the others are common and it is not', () => {
    const stats = statsOf({ drone: 0.2, barg: 0.3, crane: 0.004 });
    expect(termsOf(probeGroups(groupsOf('barges cranes drones'), stats, 500))).toEqual(['cranes']);
  });

  it('asks for every word, as a scan in table order does, when even the rarest is in more items than a scan examines', () => {
    const stats = statsOf({ drone: 0.2, barg: 0.3, crane: 0.05 });
    const groups = groupsOf('barges cranes drones');
    expect(probeGroups(groups, stats, 500)).toEqual(groups);
  });

  it('counts a concept by all its words in both languages', () => {
    const [pledge] = groupsOf('pledge');
    expect(pledge.map((p) => p.config)).toEqual(['english', 'french']);
    const stats = statsOf({ pledg: 0.01, promis: 0.02, engag: 0.03, other: 0.0002 });
    // pledg + promis + engag, each counted once, and the concept's unlisted words at half the smallest share.
    expect(groupRows(pledge, stats!)).toBeGreaterThan((0.01 + 0.02 + 0.03) * 100_000);
    expect(groupRows(pledge, stats!)).toBeLessThan((0.01 + 0.02 + 0.03 + 0.001) * 100_000);
  });
});
