import { scorePair, WEIGHTS } from '../../src/items/similarity/score';
import { amountsIn, contentWords, dueWindow, namesIn } from '../../src/items/similarity/traits';

const traits = (text: string, language?: string) => ({
  amounts: amountsIn(text),
  names: namesIn(text),
  words: new Set(contentWords(text, language).map((w) => w.key)),
  window: null,
});

describe('similar-pledge scoring', () => {
  it('meets French and English words through the concept lexicon', () => {
    const fr = contentWords('une assistance militaire chaque année', 'fr').map((w) => w.key);
    const en = contentWords('military assistance every year', 'en').map((w) => w.key);
    expect(fr).toEqual(expect.arrayContaining(['aid', 'military', 'year']));
    expect(en).toEqual(expect.arrayContaining(['aid', 'military', 'year']));
  });

  it('reads the same amount written in either language', () => {
    expect(amountsIn('au moins 40 milliards d’euros')).toEqual([{ value: '40000000000', currency: 'EUR' }]);
    expect(amountsIn('40 billion euros')).toEqual([{ value: '40000000000', currency: 'EUR' }]);
  });

  it('scores the same pledge across languages above a different one, and says why', () => {
    const fr = traits(
      'Les Alliés fournissent chaque année à l’Ukraine au moins 40 milliards d’euros d’aide militaire',
      'fr',
    );
    const en = traits('Allies to give Ukraine 40 billion euros of military aid every year', 'en');
    const other = traits('Japan promises $1.5 billion to the Green Climate Fund', 'en');
    const same = scorePair(en, fr, 0.1);
    expect(same.signals).toMatchObject({ amount: true, due: false });
    expect(same.signals.actors).toContain('ukraine');
    expect(same.score).toBeGreaterThan(WEIGHTS.amount + WEIGHTS.actors);
    expect(scorePair(en, other, 0.1).score).toBeLessThan(0.3);
  });

  it('counts overlapping due windows', () => {
    const base = { amounts: [], names: new Set<string>(), words: new Set<string>() };
    const a = { ...base, window: dueWindow('2035-12-31', 'year') };
    const b = { ...base, window: dueWindow('2035-06-30', 'day') };
    const c = { ...base, window: dueWindow('2030-12-31', 'year') };
    expect(scorePair(a, b, 0).signals.due).toBe(true);
    expect(scorePair(a, c, 0).signals.due).toBe(false);
  });
});
