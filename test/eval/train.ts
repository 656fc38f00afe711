/**
 * `npm run train:extraction`: fits the clause model of the candidate extractor
 * (src/candidates/extraction/model-weights.json) on the fitting part of test/fixtures/extraction — never
 * on the test part of split.json. Each clause the extractor reads (units.ts) is labelled with the
 * gold label it matches under the scoring rule (kind + overlap of half the shorter span), or
 * `none`; a commitment's clause also teaches the status model. Deterministic: sorted features,
 * full-batch AdaGrad from the lexicon prior, a fixed number of steps.
 *
 * `-- --cv '[{}, {"l2": 0.3}]'` reports 5-fold cross-validation over the fitting part's articles
 * for each change of PARAMS instead of writing weights; with CONFUSION=1 it also counts
 * gold → predicted kinds of the held-out clauses, and with CONFUSION='<gold> → <predicted>'
 * (as printed) it lists those clauses. All of it reads the fitting part only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Features } from '../../src/candidates/extraction/features';
import { classify, Decision, ModelFile, SoftmaxModel } from '../../src/candidates/extraction/model';
import { readUnits } from '../../src/candidates/extraction/units';
import { extractCandidates } from '../../src/candidates/extraction/extract';
import {
  add,
  Article,
  FIXTURES,
  foldForScore,
  loadArticles,
  metrics,
  overlap,
  score,
  spanIn,
  splitArticles,
  Tally,
  toLabel,
} from './score';

interface Params {
  /** L2 penalty. */
  l2: number;
  /** L2 penalty of the single words (`w:`): stronger, as a word seen in a few clauses says little. */
  l2Words: number;
  /** A word is kept when at least this many training clauses have it. */
  minWords: number;
  /** A feature is kept when at least this many training clauses have it. */
  minCount: number;
  steps: number;
  rate: number;
  /** How strongly a lexicon cue starts out pointing at its class (the prior the penalty pulls towards). */
  prior: number;
  /** Subtracted from the bias of `none` after fitting: trades precision for recall. */
  noneShift: number;
  /** Added to the bias of `claim` after fitting: claims and commitments thresholded apart. */
  claimShift: number;
  /** Weigh each status's examples inversely to its frequency (the kind model keeps the data's balance). */
  balanced: boolean;
  /** Features left out, by name prefix (to measure what a group of features adds). */
  drop: string[];
  /** How decisions become candidates (model.ts): written into the model file with the weights. */
  threshold: number;
  cueFloor: number;
  perSentence: number;
  restatements: Decision['restatements'];
  proposalDocs: boolean;
  /** Folds of the cross-validation (`-- --cv` only). */
  folds: number;
}
/** Chosen by 5-fold cross-validation on the fitting part (`-- --cv`), never on the test part. */
export const PARAMS: Params = {
  l2: 0.005,
  l2Words: 0.02,
  minWords: 2,
  minCount: 2,
  steps: 400,
  rate: 0.3,
  prior: 2.5,
  noneShift: 0.5,
  claimShift: 0,
  balanced: false,
  drop: [],
  threshold: 0,
  cueFloor: 0.15,
  perSentence: 1000,
  restatements: 'amount-actor',
  proposalDocs: true,
  folds: 5,
};
const KINDS = ['none', 'claim', 'commitment'];
const STATUSES = ['proposed', 'agreed', 'in_progress', 'fulfilled'];

interface Example {
  x: Features;
  y: number;
}

/** Multinomial logistic regression, L2-regularised, full-batch AdaGrad (hand-written: see model.ts). */
export function fit(examples: Example[], classes: string[], p: Params): SoftmaxModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.x.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts]
    .filter(
      ([f, n]) =>
        (n >= (f.startsWith('w:') ? p.minWords : p.minCount) && !p.drop.some((d) => f.startsWith(d))) ||
        f === 'bias',
    )
    .map(([f]) => f)
    .sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const K = classes.length;
  // The lexicons as prior knowledge: a cue starts out pointing at its class, and the L2 penalty
  // pulls towards that rather than towards zero; the data move it where they disagree.
  const w0 = new Float64Array(names.length * K);
  names.forEach((f, i) => {
    const cls = /^(?:first-)?cue:(\w+)$/u.exec(f)?.[1];
    const target =
      !cls || cls === 'speech'
        ? -1
        : classes.includes(cls)
          ? classes.indexOf(cls)
          : classes.indexOf('commitment');
    if (target >= 0) w0[i * K + target] = p.prior;
  });
  const l2 = names.flatMap((f) => new Array<number>(K).fill(f.startsWith('w:') ? p.l2Words : p.l2));
  const w = Float64Array.from(w0);
  const history = new Float64Array(names.length * K);
  const rows = examples.map((e) => ({
    y: e.y,
    x: [...e.x].filter(([f]) => index.has(f)).map(([f, v]) => [index.get(f)!, v] as const),
  }));
  const perClass = classes.map((_, k) => rows.filter((r) => r.y === k).length);
  const classWeight = perClass.map((n) => (p.balanced && n ? rows.length / (K * n) : 1));
  for (let step = 0; step < p.steps; step++) {
    const grad = new Float64Array(w.length);
    for (const { x, y } of rows) {
      const z = new Array<number>(K).fill(0);
      for (const [f, v] of x) for (let k = 0; k < K; k++) z[k] += w[f * K + k] * v;
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      for (const [f, v] of x)
        for (let k = 0; k < K; k++) grad[f * K + k] += classWeight[y] * (e[k] / sum - (k === y ? 1 : 0)) * v;
    }
    for (let i = 0; i < w.length; i++) {
      const g = grad[i] / rows.length + l2[i] * (w[i] - w0[i]);
      history[i] += g * g;
      w[i] -= (p.rate * g) / (Math.sqrt(history[i]) + 1e-8);
    }
  }
  const weights: Record<string, number[]> = {};
  names.forEach((n, i) => {
    const row = Array.from(w.slice(i * K, i * K + K), (v) => Math.round(v * 1e4) / 1e4);
    if (row.some((v) => Math.abs(v) >= 0.005)) weights[n] = row;
  });
  return { classes, weights };
}

/** Each clause of an article with the gold label it matches best (or none). */
export function labelledUnits(a: Article) {
  const body = foldForScore(a.text);
  const gold = a.gold.map((g) => ({ g, span: spanIn(body, g.quote) }));
  return readUnits(a.text, a.language, new Date(a.publishedAt)).units.map((u) => {
    const span = spanIn(body, a.text.slice(u.start, u.end));
    let best: (typeof gold)[number] | null = null;
    let bestOverlap = 0.5;
    for (const g of gold) {
      const o = overlap(g.span, span);
      if (o >= bestOverlap && (!best || o > bestOverlap)) [best, bestOverlap] = [g, o];
    }
    return { unit: u, gold: best?.g ?? null };
  });
}

export function trainOn(
  articles: Article[],
  p: Params,
): { model: ModelFile; clauses: number; commitments: number } {
  const kinds: Example[] = [];
  const statuses: Example[] = [];
  for (const a of articles)
    for (const { unit, gold } of labelledUnits(a)) {
      kinds.push({ x: unit.x, y: KINDS.indexOf(gold?.kind ?? 'none') });
      if (gold?.kind === 'commitment') statuses.push({ x: unit.x, y: STATUSES.indexOf(gold.statusHint) });
    }
  const about = `Clause model of the candidate extractor, written by npm run train:extraction (test/eval/train.ts) from the fitting part of test/fixtures/extraction (${articles.length} articles, ${kinds.length} clauses, ${statuses.length} commitments); multinomial logistic regression, ${p.steps} AdaGrad steps, rate ${p.rate}, L2 ${p.l2}, features seen at least ${p.minCount} times. Do not edit by hand.`;
  return {
    model: {
      about,
      kind: shifted(fit(kinds, KINDS, { ...p, balanced: false }), p.noneShift, p.claimShift),
      status: fit(statuses, STATUSES, p),
      decision: {
        threshold: p.threshold,
        cueFloor: p.cueFloor,
        perSentence: p.perSentence,
        restatements: p.restatements,
        proposalDocs: p.proposalDocs,
      },
    },
    clauses: kinds.length,
    commitments: statuses.length,
  };
}

function shifted(m: SoftmaxModel, noneShift: number, claimShift: number): SoftmaxModel {
  const bias = m.weights.bias ?? m.classes.map(() => 0);
  const shift: Record<string, number> = { none: -noneShift, claim: claimShift };
  m.weights.bias = bias.map((w, k) => Math.round((w + (shift[m.classes[k]] ?? 0)) * 1e4) / 1e4);
  return m;
}

/** k-fold cross-validation over the fitting part's articles (by name order): the scores a model gets on articles it was not trained on. */
const confusion = new Map<string, number>();
function crossValidate(articles: Article[], p: Params, k = p.folds): Map<string, Tally> {
  const total = new Map<string, Tally>();
  const count = (key: string, t: Tally) => total.set(key, total.has(key) ? add(total.get(key)!, t) : t);
  for (let fold = 0; fold < k; fold++) {
    const held = articles.filter((_, i) => i % k === fold);
    const { model } = trainOn(
      articles.filter((_, i) => i % k !== fold),
      p,
    );
    for (const a of held) {
      if (process.env.CONFUSION)
        for (const { unit, gold } of labelledUnits(a)) {
          const kind = classify(model.kind, unit.x).label;
          const status = kind === 'commitment' ? classify(model.status, unit.x).label : '-';
          const key = `${gold ? `${gold.kind}/${gold.statusHint}` : 'none'} → ${kind}/${status}`;
          confusion.set(key, (confusion.get(key) ?? 0) + 1);
          if (process.env.CONFUSION === key)
            console.log(`  ${a.name}: ${a.text.slice(unit.start, unit.end)}`);
        }
      const predicted = extractCandidates(a.text, {
        language: a.language,
        publishedAt: new Date(a.publishedAt),
        model,
      });
      const t = score(a.text, a.gold, predicted.map(toLabel));
      if (process.env.STATUSES) statusMisses(a, predicted);
      count('all', t);
      count(a.language, t);
    }
  }
  return total;
}

/** STATUSES=1: each held-out commitment found with another status than its label's, and why (cue or model). */
function statusMisses(a: Article, predicted: ReturnType<typeof extractCandidates>): void {
  const body = foldForScore(a.text);
  for (const g of a.gold.filter((l) => l.kind === 'commitment')) {
    const p = predicted.find(
      (c) => c.kind === 'commitment' && overlap(spanIn(body, g.quote), spanIn(body, c.quote)) >= 0.5,
    );
    if (p && p.statusHint !== g.statusHint)
      console.log(
        `${a.language} ${g.statusHint} → ${p.statusHint} (${p.cues[0] ?? 'model'}): ${g.quote.slice(0, 140)}`,
      );
  }
}

function main(): void {
  const { fitting } = splitArticles(loadArticles());
  if (process.argv.includes('--cv')) {
    const grid = JSON.parse(process.argv[process.argv.indexOf('--cv') + 1] ?? '[{}]') as Array<
      Partial<Params>
    >;
    for (const change of grid) {
      const tallies = crossValidate(fitting, { ...PARAMS, ...change });
      if (process.env.CONFUSION) console.log([...confusion].sort((a, b) => b[1] - a[1]));
      const m = metrics(tallies.get('all')!);
      const [en, fr] = ['en', 'fr'].map((l) => metrics(tallies.get(l)!).f1.toFixed(3));
      console.log(
        `${JSON.stringify(change)}: F1 ${m.f1.toFixed(3)} (en ${en}, fr ${fr}) P ${m.precision.toFixed(3)} R ${m.recall.toFixed(3)} status ${m.status.toFixed(3)} amount ${m.amount.toFixed(3)}`,
      );
    }
    return;
  }
  const { model, clauses, commitments } = trainOn(fitting, PARAMS);
  const out = join(FIXTURES, '../../../src/candidates/extraction/model-weights.json');
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  console.log(`${fitting.length} articles, ${clauses} clauses, ${commitments} commitments`);
  console.log(
    `${Object.keys(model.kind.weights).length} kind and ${Object.keys(model.status.weights).length} status features → ${out}`,
  );
}

if (require.main === module && !process.env.NO_MAIN) main();
