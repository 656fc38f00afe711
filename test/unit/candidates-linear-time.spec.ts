import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractCandidates } from '../../src/candidates/extraction/extract';

/**
 * Extraction time grows linearly with the text (SPEC, Candidates). The inputs that once took
 * seconds to minutes (issue #23) are timed against plain prose of the same length; long texts,
 * plain or made of one endless sentence, against a fraction of themselves. Only ratios are
 * asserted, never absolute times, and of CPU time, which other work on the machine does not
 * stretch as it stretches the clock. The sizes keep the file to seconds and still fail the
 * quadratic versions clearly (checked by undoing the fixes): with the money scanner reading every
 * digit group again, 50 kB of zeros costs ~100 × plain prose; with the whole text given to
 * Intl.Segmenter at once, 250 kB of the article costs ~9 × ten of its tenths.
 */
const NATO = readFileSync(join(__dirname, '../fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');
const options = { language: 'fr' as const, publishedAt: new Date('2024-06-13T12:00:00Z') };
const MAX_RATIO = 3;

const repeated = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const prose = (length: number) => repeated(NATO, length);

/** The CPU time (ms) of the faster of two runs after one to warm up. */
function time(text: string): number {
  extractCandidates(text, options);
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const start = process.cpuUsage();
    extractCandidates(text, options);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

jest.setTimeout(120_000);

describe('extraction time is linear in the text', () => {
  it.each([
    // The money scanner read every digit group of a number it could not read again (60 kB: 45 s).
    ['a 50 kB number of zeros before a scale word', `0${' 000'.repeat(12_500)} milliards d’euros`],
    // chrono-node's French time-of-day pattern on a run of spaces (160 kB: 28 s).
    [
      'a 50 kB run of spaces in a dated pledge',
      `Les Alliés s’engagent à livrer${' '.repeat(50_000)} le 3 juillet.`,
    ],
  ])('%s: at most 3 × the time of plain prose of its length', (_, crafted) => {
    expect(time(crafted) / time(prose(crafted.length))).toBeLessThanOrEqual(MAX_RATIO);
  });

  it.each([
    // Sentence splitting (1 MB of the NATO article: 55 s).
    ['a 250 kB article', NATO, 250_000, 10],
    // One sentence without an end: every donor's name and amount in one clause.
    [
      'a 100 kB sentence of donors and amounts',
      ', l’Italie 300 M€, la Suisse 135 M CHF et le Portugal 4 M€',
      100_000,
      8,
    ],
    // One sentence of thousands of clauses, each with its own cue and amount.
    ['a 100 kB sentence of clauses', 'les Alliés ont promis 2 milliards d’euros, et ', 100_000, 8],
  ])('%s: at most 3 × the time of its part, times its share', (_, unit, length, parts) => {
    const part = time(repeated(unit, length / parts));
    expect(time(repeated(unit, length)) / (parts * part)).toBeLessThanOrEqual(MAX_RATIO);
  });
});
