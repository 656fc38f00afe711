import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractCandidates } from '../../src/candidates/extraction/extract';

/**
 * Extraction time grows linearly with the text (SPEC, Candidates): each input that once took
 * seconds to minutes (issue #23) is timed against plain prose of the same length, and a 1 MB
 * article against a tenth of it; only ratios are asserted, never absolute times.
 */
const NATO = readFileSync(join(__dirname, '../fixtures/nato-ukraine-2024-06-13.fr.txt'), 'utf8');
const options = { language: 'fr' as const, publishedAt: new Date('2024-06-13T12:00:00Z') };
/** Generous for a loaded machine; a quadratic path is hundreds of times off at these sizes. */
const MAX_RATIO = 3;

const prose = (length: number) => NATO.repeat(Math.ceil(length / NATO.length)).slice(0, length);

/** The fastest of three runs (after one to warm up): the least disturbed by other work. */
function time(text: string): number {
  extractCandidates(text, options);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    extractCandidates(text, options);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

jest.setTimeout(180_000);

describe('extraction time is linear in the text', () => {
  it.each([
    // The money scanner re-read every digit group of a number it could not read.
    ['a 200 kB number of zeros before a scale word', `0${' 000'.repeat(50_000)} milliards d’euros`],
    // chrono-node's French time-of-day pattern on a long run of spaces.
    ['a 200 kB run of spaces in a dated pledge', `Les Alliés s’engagent à livrer${' '.repeat(200_000)} le 3 juillet.`],
    // One sentence without an end: every donor's name and amount in one clause.
    [
      'a 200 kB sentence of donors and amounts',
      `Les donateurs ont promis${', l’Italie 300 M€, la Suisse 135 M CHF et le Portugal 4 M€'.repeat(3_500)}.`,
    ],
    // One sentence with a cue in every clause: thousands of clauses, each with its own cues.
    ['a 200 kB sentence of clauses', `${'les Alliés ont promis 2 milliards d’euros, et '.repeat(4_300)}fin.`],
  ])('%s: at most 3 × the time of plain prose of its length', (_, crafted) => {
    const ratio = time(crafted) / time(prose(crafted.length));
    expect(ratio).toBeLessThanOrEqual(MAX_RATIO);
  });

  it('reads a 1 MB article in no more than 3 × ten times the time of a tenth of it', () => {
    const tenth = time(prose(100_000));
    const whole = time(prose(1_000_000));
    expect(whole / (10 * tenth)).toBeLessThanOrEqual(MAX_RATIO);
  });
});
