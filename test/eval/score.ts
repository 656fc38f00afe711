import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { extractCandidates, Extracted } from '../../src/candidates/extraction/extract';
import { Language } from '../../src/candidates/extraction/lexicon';

/** One label as test/fixtures/extraction/LABELING.md writes it (a prediction has the same shape). */
export interface Label {
  kind: 'claim' | 'commitment';
  actor: string;
  quote: string;
  amount: { value: string; currency: string } | null;
  statusHint: string;
  dueHint: string | null;
}

export interface Article {
  name: string;
  language: Language;
  publishedAt: string;
  url: string | null;
  text: string;
  gold: Label[];
}

// From test/eval (Jest) or dist/test/eval (npm run eval:extraction), the fixtures stay in test/.
const ROOT = join(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../../..' : '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/extraction');

/** The text as the service stores it: line 1 a URL and line 2 blank are the corpus's header, not the article. */
export const bodyOf = (raw: string) => (raw.startsWith('http') ? raw.split('\n').slice(2).join('\n') : raw);

export function loadArticles(dir = FIXTURES): Article[] {
  const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Array<
    Omit<Article, 'text' | 'gold'>
  >;
  return sources.map((s) => ({
    ...s,
    text: bodyOf(readFileSync(join(dir, `${s.name}.txt`), 'utf8')),
    gold: JSON.parse(readFileSync(join(dir, `${s.name}.gold.json`), 'utf8')) as Label[],
  }));
}

/** The fitting part (rules and weights are fitted to it) and the test part (split.json, never tuned on). */
export function splitArticles(articles: Article[], dir = FIXTURES): { fitting: Article[]; test: Article[] } {
  const test = new Set(
    (JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as { test: string[] }).test,
  );
  return {
    fitting: articles.filter((a) => !test.has(a.name)),
    test: articles.filter((a) => test.has(a.name)),
  };
}

/**
 * The articles of a decisions export (`GET /v1/candidates/decisions?format=gold`):
 * `{"articles": [{sourceId, language, publishedAt, text, labels}]}`. An article without a date is
 * read as of now, as the service reads a source without `publishedAt`.
 */
export function decisionsArticles(json: string): Article[] {
  const file = JSON.parse(json) as {
    articles: Array<{
      sourceId: string;
      language: string;
      publishedAt: string | null;
      text: string;
      labels: Label[];
    }>;
  };
  return file.articles
    .filter((a) => a.language === 'fr' || a.language === 'en')
    .map((a) => ({
      name: a.sourceId,
      language: a.language as Language,
      publishedAt: a.publishedAt ?? new Date().toISOString(),
      url: null,
      text: a.text,
      gold: a.labels,
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

// score_extraction.py's folding: typographic quotes, case, runs of white space.
const TYPOGRAPHIC: Record<string, string> = { '’': "'", '‘': "'", '«': '"', '»': '"', '“': '"', '”': '"' };
export const foldForScore = (s: string) =>
  s
    .replace(/[’‘«»“”]/gu, (c) => TYPOGRAPHIC[c])
    .toLowerCase()
    .replace(/ß/gu, 'ss')
    .replace(/\s+/gu, ' ');

export type Range = { start: number; end: number } | null;
export function spanIn(foldedBody: string, quote: string): Range {
  const q = foldForScore(quote).trim();
  const i = q ? foldedBody.indexOf(q) : -1;
  return i < 0 ? null : { start: i, end: i + q.length };
}

/** The common part of two spans, as a share of the shorter one. */
export function overlap(a: Range, b: Range): number {
  if (!a || !b) return 0;
  const common = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return common / Math.max(1, Math.min(a.end - a.start, b.end - b.start));
}

const sameAmount = (g: Label['amount'], p: Label['amount'] | undefined) =>
  g === null || p === null || p === undefined
    ? g === (p ?? null)
    : Object.keys(p).length === 2 && g.value === p.value && g.currency === p.currency;

/**
 * score_extraction.py's rule, exactly: a prediction matches a label when the kinds agree and their
 * spans (in folded text, first occurrence) overlap by at least half of the shorter; pairs are taken
 * best overlap first (ties: later label, then later prediction, as Python's reversed tuple sort);
 * each label and each prediction is used once.
 */
export function score(text: string, gold: Label[], predicted: Label[]): Tally {
  const body = foldForScore(text);
  const gs = gold.map((g) => spanIn(body, g.quote));
  const ps = predicted.map((p) => spanIn(body, p.quote));
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, i) =>
    predicted.forEach((p, j) => {
      if (g.kind === p.kind) pairs.push([overlap(gs[i], ps[j]), i, j]);
    }),
  );
  pairs.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
  const t = { ...empty(), predicted: predicted.length, gold: gold.length };
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  for (const [o, i, j] of pairs) {
    if (o < 0.5 || usedGold.has(i) || usedPred.has(j)) continue;
    usedGold.add(i);
    usedPred.add(j);
    t.matched++;
    if (sameAmount(gold[i].amount, predicted[j].amount)) t.amountRight++;
    if (gold[i].statusHint === predicted[j].statusHint) t.statusRight++;
    if (gold[i].dueHint === predicted[j].dueHint) t.dueRight++;
  }
  return t;
}

/** A candidate as a label: money only on commitments, the deadline as precise as it was read. */
export function toLabel(e: Extracted): Label {
  const pledger = e.actors.find((a) => a.role === 'pledger') ?? e.actors[0];
  const due = e.dueAt && e.duePrecision;
  return {
    kind: e.kind,
    actor: pledger?.name ?? '',
    quote: e.quote,
    amount:
      e.kind === 'commitment' && e.amount?.currency
        ? { value: e.amount.value, currency: e.amount.currency }
        : null,
    statusHint: e.statusHint,
    dueHint: due
      ? e.dueAt!.slice(0, e.duePrecision === 'year' ? 4 : e.duePrecision === 'month' ? 7 : 10)
      : null,
  };
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

export const predict = (a: Article) =>
  extractCandidates(a.text, { language: a.language, publishedAt: new Date(a.publishedAt) });

export function evaluate(articles: Article[], predictor: (a: Article) => Extracted[] = predict) {
  const byLanguage = new Map<string, Tally>();
  let overall = empty();
  const perArticle: Array<{ name: string; tally: Tally; predicted: Extracted[] }> = [];
  for (const a of articles) {
    const predicted = predictor(a);
    const tally = score(a.text, a.gold, predicted.map(toLabel));
    perArticle.push({ name: a.name, tally, predicted });
    overall = add(overall, tally);
    byLanguage.set(a.language, add(byLanguage.get(a.language) ?? empty(), tally));
  }
  return { overall, byLanguage, perArticle };
}
