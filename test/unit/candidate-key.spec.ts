import { CANDIDATE_KEY, candidateKeys } from '../../src/candidates/candidate-key';

const SOURCE = '6f1c2c1e-4f4a-4d7e-9a57-0d3c2b1a0f9e';
const pledge = { kind: 'commitment', quote: 'Les Alliés ont promis 2 milliards d’euros' };
const claim = { kind: 'claim', quote: 'Le fonds s’élève à 3 milliards' };

describe('candidate keys', () => {
  it('should give 32 hex digits that depend on the source, the kind and the quote only', () => {
    const [a, b] = candidateKeys(SOURCE, [pledge, claim]);
    expect(a).toMatch(CANDIDATE_KEY);
    expect(b).not.toBe(a);
    expect(candidateKeys(SOURCE, [claim, pledge])).toEqual([b, a]);
    expect(candidateKeys(SOURCE, [{ ...pledge, kind: 'claim' }])[0]).not.toBe(a);
    expect(candidateKeys('0d3c2b1a-0f9e-4d7e-9a57-6f1c2c1e4f4a', [pledge])[0]).not.toBe(a);
  });

  it('should keep a key when other candidates come and go, or the quote is wrapped differently', () => {
    const [a] = candidateKeys(SOURCE, [pledge]);
    expect(candidateKeys(SOURCE, [claim, pledge, claim])[1]).toBe(a);
    const wrapped = { ...pledge, quote: pledge.quote.replace(' 2 ', '\n 2\u00a0') };
    expect(candidateKeys(SOURCE, [wrapped])[0]).toBe(a);
  });

  it('should tell apart the same quote stated twice, by its occurrence', () => {
    const [first, second] = candidateKeys(SOURCE, [pledge, pledge]);
    expect(second).not.toBe(first);
    expect(first).toBe(candidateKeys(SOURCE, [pledge])[0]);
  });
});
