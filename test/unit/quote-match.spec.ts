import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldForMatch, locateQuote } from '../../src/common/text/quote-match';

const article = readFileSync(join(__dirname, '../fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');

describe('foldForMatch', () => {
  it('lower-cases and collapses every kind of white space to one space', () => {
    expect(foldForMatch('  Les\u00a0Alliés\u202fONT\n\n\tdécidé  ')).toBe('les alliés ont décidé');
  });

  it('maps typographic apostrophes and quotes to straight ones', () => {
    expect(foldForMatch('l’Ukraine l‘a ʼ ′')).toBe("l'ukraine l'a ' '");
    expect(foldForMatch('“a” „b” ″')).toBe('"a""b""');
  });

  it('drops the spaces French typography puts inside guillemets', () => {
    expect(foldForMatch('dit : «\u00a0Cela semble\u202f» a-t-il')).toBe(
      foldForMatch('dit : "Cela semble" a-t-il'),
    );
  });

  it('composes decomposed accents (NFC) but keeps them', () => {
    expect(foldForMatch('e\u0301quivalant')).toBe('équivalant');
    expect(foldForMatch('équivalant')).not.toBe(foldForMatch('equivalant'));
  });
});

describe('locateQuote', () => {
  const pledge =
    "fournissent chaque année à l'Ukraine une assistance militaire équivalant à au moins 40 milliards d'euros";

  it('matches a quote typed with a straight apostrophe against ’', () => {
    const found = locateQuote(article, pledge);
    expect(found).not.toBeNull();
    expect(found!.exact).toBe(
      'fournissent chaque année à l’Ukraine une assistance militaire équivalant à au moins 40 milliards d’euros',
    );
    expect(found!.prefix).toBe('galement proposé que les Alliés ');
    expect(found!.suffix).toBe(', et ce aussi longtemps que néce');
  });

  it('returns code point offsets that slice the original text back to the exact passage', () => {
    const found = locateQuote(article, pledge)!;
    expect(Array.from(article).slice(found.start, found.end).join('')).toBe(found.exact);
    expect(found.end - found.start).toBe(Array.from(found.exact).length);
  });

  it('matches a quote spanning a line break', () => {
    const found = locateQuote(article, 'Actualités Tunisie Focus Jeudi 13 juin 2024');
    expect(found?.exact).toBe('Actualités Tunisie Focus\n\nJeudi 13 juin 2024');
  });

  it('matches a quote typed with " against « and its inner space', () => {
    const found = locateQuote(article, '"Cela semble paradoxal');
    expect(found?.exact).toBe('« Cela semble paradoxal');
    const closing = locateQuote(article, 'la paix pourra advenir en Ukraine" a-t-il');
    expect(closing?.exact).toBe('la paix pourra advenir en Ukraine » a-t-il');
  });

  it('matches regardless of case and surrounding white space', () => {
    expect(locateQuote(article, '  JEUDI 13 JUIN\t2024 ')?.exact).toBe('Jeudi 13 juin 2024');
  });

  it('does not fold accents: "equivalant" does not match "équivalant"', () => {
    expect(locateQuote(article, 'assistance militaire equivalant')).toBeNull();
  });

  it('returns null for a quote that is not in the text', () => {
    expect(locateQuote(article, 'au moins 50 milliards d’euros')).toBeNull();
  });

  it('returns null for an empty or white-space-only quote', () => {
    expect(locateQuote(article, '')).toBeNull();
    expect(locateQuote(article, ' \n\u00a0')).toBeNull();
  });

  it('counts an emoji before the quote as one code point, not two UTF-16 units', () => {
    const text = '🇺🇦 😀 Les Alliés s’engagent';
    const found = locateQuote(text, "Alliés s'engagent")!;
    // 🇺🇦 is two code points (regional indicators), 😀 one, plus two spaces and "Les ".
    expect(found.start).toBe(9);
    expect(found.end).toBe(9 + 'Alliés s’engagent'.length);
    expect(text.indexOf('Alliés')).toBe(12);
    expect(found.prefix).toBe('🇺🇦 😀 Les ');
  });

  it('maps a match back through a decomposed accent in the original text', () => {
    const text = 'Le ministre ukrainien de la De\u0301fense';
    const found = locateQuote(text, 'de la Défense')!;
    expect(found.exact).toBe('de la De\u0301fense');
    expect(found.end).toBe(Array.from(text).length);
  });

  it('does not match a letter that carries a combining mark in the text', () => {
    expect(locateQuote('q\u0307 x', 'q')).toBeNull();
  });

  it('finds a later occurrence when the first one would split a character', () => {
    expect(locateQuote('q\u0307 q', 'q')?.start).toBe(3);
  });

  // Its speed is measured where speed belongs, in benchmarks, never as a timed assertion.
  it('locates a quote near the end of a 1 MB text', () => {
    const big = 'Les ministres ont discuté de l’avenir. '.repeat(27_000) + article;
    const found = locateQuote(big, pledge);
    expect(found?.exact).toContain('d’euros');
    expect(found?.start).toBeGreaterThan(27_000 * 39);
  });
});
