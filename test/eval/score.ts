import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { extractCandidates, Extracted } from '../../src/candidates/extraction/extract';
import { Language } from '../../src/candidates/extraction/lexicon';

/** One hand-checked label (the format of test/fixtures/extraction/*.gold.json). */
export interface Gold {
  kind: 'claim' | 'commitment';
  actor: string;
  quote: string;
  amount: { value: string; currency: string; qualifier?: string } | null;
  statusHint: string;
  dueHint: string | null;
}

export interface Article {
  name: string;
  language: Language;
  publishedAt: string;
  url: string | null;
  text: string;
  gold: Gold[];
}

// From test/eval (Jest) or dist/test/eval (npm run eval:extraction), the fixtures stay in test/.
const ROOT = join(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../../..' : '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/extraction');

export function loadArticles(dir = FIXTURES): Article[] {
  const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Array<
    Omit<Article, 'text' | 'gold'>
  >;
  return sources.map((s) => ({
    ...s,
    text: readFileSync(join(dir, `${s.name}.txt`), 'utf8'),
    gold: JSON.parse(readFileSync(join(dir, `${s.name}.gold.json`), 'utf8')) as Gold[],
  }));
}

export interface Tally {
  predicted: number;
  gold: number;
  matched: number;
  amountRight: number;
  statusRight: number;
  dueRight: number;
}

const empty = (): Tally => ({
  predicted: 0,
  gold: 0,
  matched: 0,
  amountRight: 0,
  statusRight: 0,
  dueRight: 0,
});

/** Spans overlap by at least half of the shorter one. */
export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const common = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return common > 0 && common >= Math.min(a.end - a.start, b.end - b.start) / 2;
}

const sameAmount = (g: Gold['amount'], p: Extracted['amount']) =>
  g === null
    ? p === null
    : p !== null &&
      p.value === g.value &&
      p.currency === g.currency &&
      (!g.qualifier || g.qualifier === p.qualifier);

/** Pairs each gold label with at most one prediction of the same kind whose quote overlaps it (largest overlap first). */
export function score(text: string, gold: Gold[], predicted: Extracted[]): Tally {
  const t = empty();
  t.predicted = predicted.length;
  t.gold = gold.length;
  const used = new Set<number>();
  for (const g of gold) {
    const start = text.indexOf(g.quote);
    const span = { start, end: start + g.quote.length };
    let best = -1;
    let bestOverlap = 0;
    predicted.forEach((p, i) => {
      if (used.has(i) || p.kind !== g.kind || !overlaps(span, p)) return;
      const common = Math.min(span.end, p.end) - Math.max(span.start, p.start);
      if (common > bestOverlap) [best, bestOverlap] = [i, common];
    });
    if (best < 0) continue;
    used.add(best);
    const p = predicted[best];
    t.matched++;
    if (sameAmount(g.amount, p.amount)) t.amountRight++;
    if (g.statusHint === p.statusHint) t.statusRight++;
    if (g.dueHint === p.dueAt) t.dueRight++;
  }
  return t;
}

export function add(a: Tally, b: Tally): Tally {
  return {
    predicted: a.predicted + b.predicted,
    gold: a.gold + b.gold,
    matched: a.matched + b.matched,
    amountRight: a.amountRight + b.amountRight,
    statusRight: a.statusRight + b.statusRight,
    dueRight: a.dueRight + b.dueRight,
  };
}

export function metrics(t: Tally) {
  const precision = t.predicted ? t.matched / t.predicted : 0;
  const recall = t.gold ? t.matched / t.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const ofMatched = (n: number) => (t.matched ? n / t.matched : 0);
  return {
    precision,
    recall,
    f1,
    amount: ofMatched(t.amountRight),
    status: ofMatched(t.statusRight),
    due: ofMatched(t.dueRight),
  };
}

export function evaluate(articles: Article[]) {
  const byLanguage = new Map<string, Tally>();
  let overall = empty();
  const perArticle: Array<{ name: string; tally: Tally; predicted: Extracted[] }> = [];
  for (const a of articles) {
    const predicted = extractCandidates(a.text, {
      language: a.language,
      publishedAt: new Date(a.publishedAt),
    });
    const tally = score(a.text, a.gold, predicted);
    perArticle.push({ name: a.name, tally, predicted });
    overall = add(overall, tally);
    byLanguage.set(a.language, add(byLanguage.get(a.language) ?? empty(), tally));
  }
  return { overall, byLanguage, perArticle };
}
