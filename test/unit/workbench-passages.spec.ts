import { excerpt, locate, runs } from '../../web/passages';

const TEXT = 'Les Alliés fournissent chaque année à l’Ukraine au moins 40 milliards d’euros.';

describe('workbench passages', () => {
  it('should trust the position selector only when the text there is the quote', () => {
    const start = TEXT.indexOf('40 milliards');
    expect(locate(TEXT, '40 milliards', { position: { start, end: start + 12 } })).toEqual({
      start,
      end: start + 12,
    });
    expect(locate(TEXT, '40 milliards', { position: { start: 0, end: 12 } })).toEqual({
      start,
      end: start + 12,
    });
  });

  it('should find the quote by its exact text and give null when it is gone', () => {
    expect(locate(TEXT, 'chaque année')).toEqual({ start: 23, end: 35 });
    expect(locate(TEXT, 'cent milliards')).toBeNull();
  });

  it('should cut overlapping ranges into runs that name every range covering them', () => {
    const result = runs('abcdefghij', [{ start: 2, end: 6 }, { start: 4, end: 8 }, null]);
    expect(result.map((r) => [r.text, r.covering])).toEqual([
      ['ab', []],
      ['cd', [0]],
      ['ef', [0, 1]],
      ['gh', [1]],
      ['ij', []],
    ]);
    expect(result.map((r) => r.text).join('')).toBe('abcdefghij');
  });

  it('should give the whole text as one run when nothing is highlighted', () => {
    expect(runs(TEXT, [])).toEqual([{ start: 0, end: TEXT.length, text: TEXT, covering: [] }]);
  });

  it('should keep context either side of a passage, cut at spaces, marked as clipped', () => {
    const start = TEXT.indexOf('chaque');
    const e = excerpt(TEXT, { start, end: start + 12 }, 14);
    expect(e.passage).toBe('chaque année');
    expect(e.before).toBe('…fournissent ');
    expect(e.after).toBe(' à l’Ukraine…');
    expect(excerpt(TEXT, { start, end: start + 12 }, 10).before).toBe('…');
    expect(excerpt(TEXT, { start, end: start + 12 }, 1000)).toEqual({
      before: TEXT.slice(0, start),
      passage: 'chaque année',
      after: TEXT.slice(start + 12),
    });
  });
});
