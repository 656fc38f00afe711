import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractCandidates } from '../../src/candidates/extraction/extract';

/**
 * Extraction time grows linearly with the text (SPEC, Candidates). The inputs that once took
 * seconds to minutes (issue #23) are timed against plain prose of the same length; long texts,
 * plain or made of one endless sentence, against a fraction of themselves. Only ratios are
 * asserted, never absolute times: a quadratic path is tens to hundreds of times off at these sizes.
 */
const NATO = readFileSync(join(__dirname, '../fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');
const options = { language: 'fr' as const, publishedAt: new Date('2024-06-13T12:00:00Z') };
const MAX_RATIO = 3;

const repeated = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const prose = (length: number) => repeated(NATO, length);

/** The faster of two runs after one to warm up: the less disturbed by other work on the machine. */
function time(text: string): number {
  extractCandidates(text, options);
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    extractCandidates(text, options);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

jest.setTimeout(180_000);

describe('extraction time is linear in the text', () => {
  it.each([
    // The money scanner read every digit group of a number it could not read again (60 kB: 45 s).
    ['a 200 kB number of zeros before a scale word', `0${' 000'.repeat(50_000)} milliards d’euros`],
    // chrono-node's French time-of-day pattern on a run of spaces (160 kB: 28 s).
    [
      'a 200 kB run of spaces in a dated pledge',
      `Les Alliés s’engagent à livrer${' '.repeat(200_000)} le 3 juillet.`,
    ],
  ])('%s: at most 3 × the time of plain prose of its length', (_, crafted) => {
    expect(time(crafted) / time(prose(crafted.length))).toBeLessThanOrEqual(MAX_RATIO);
  });

  it.each([
    // Sentence splitting (1 MB of the NATO article: 55 s).
    ['a 1 MB article', NATO, 1_000_000, 10],
    // One sentence without an end: every donor's name and amount in one clause.
    [
      'a 200 kB sentence of donors and amounts',
      ', l’Italie 300 M€, la Suisse 135 M CHF et le Portugal 4 M€',
      200_000,
      4,
    ],
    // One sentence of thousands of clauses, each with its own cue and amount.
    ['a 200 kB sentence of clauses', 'les Alliés ont promis 2 milliards d’euros, et ', 200_000, 4],
  ])('%s: at most 3 × the time of its part, times its share', (_, unit, length, parts) => {
    const part = time(repeated(unit, length / parts));
    expect(time(repeated(unit, length)) / (parts * part)).toBeLessThanOrEqual(MAX_RATIO);
  });
});
