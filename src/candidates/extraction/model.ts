import type { Features } from './features';
import weights from './model-weights.json';

/**
 * A multinomial logistic regression over sparse features: `weights[feature][k]` for class k.
 * Trained by `npm run train:extraction` (test/eval/train.ts) on the fitting part of the corpus
 * and committed as model-weights.json; nothing is downloaded. Written by hand: the npm packages
 * (ml-logistic-regression) train dense one-vs-rest matrices and keep no feature names, and the
 * explanation of each candidate needs the weight of each named feature.
 */
export interface SoftmaxModel {
  classes: string[];
  weights: Record<string, number[]>;
}

export interface ModelFile {
  about: string;
  /** none / claim / commitment, for one clause. */
  kind: SoftmaxModel;
  /** proposed / agreed / in_progress / fulfilled, for a commitment. */
  status: SoftmaxModel;
  /** How the clause decisions become candidates, chosen by cross-validation with the weights. */
  decision?: Decision;
}

export interface Decision {
  /**
   * A clause is a candidate when its likelier kind (claim or commitment) has at least this
   * probability, whatever `none`'s: the F1 of a list is best served by keeping a clause that is
   * more likely than about half the F1 to be right.
   */
  threshold: number;
  /**
   * A clause with a lexicon status cue ("a promis", "are expected to") is a candidate when its
   * likelier kind reaches this probability, even if `none` is likelier still (1: never).
   */
  cueFloor: number;
  /** At most this many candidates from one sentence: the most probable ones. */
  perSentence: number;
  /**
   * A later commitment restating an earlier one (LABELING.md: a restatement is not labelled
   * again) is left out: `amount-actor` when it has the same amount and the same pledger,
   * `amount` on the same amount alone, `none` never.
   */
  restatements: 'none' | 'amount-actor' | 'amount';
  /** In a campaign or draft-budget article a cue of agreement ("pledged", "promises") reads as proposed. */
  proposalDocs?: boolean;
}

export const MODEL = weights as ModelFile;

/** The class probabilities of one example. */
export function probabilities(m: SoftmaxModel, x: Features): number[] {
  const z = m.classes.map(() => 0);
  for (const [feature, value] of x) {
    const w = m.weights[feature];
    if (w) for (let k = 0; k < z.length; k++) z[k] += w[k] * value;
  }
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function classify(
  m: SoftmaxModel,
  x: Features,
  leaveOut?: string,
): { label: string; probability: number; k: number } {
  const p = probabilities(m, x);
  const k = p.reduce((best, v, i) => (m.classes[i] !== leaveOut && (best < 0 || v > p[best]) ? i : best), -1);
  return { label: m.classes[k], probability: p[k], k };
}

export interface Reason {
  feature: string;
  weight: number;
}

/**
 * The features that pushed class k most, against the average class: what a reviewer reads as
 * "why". `weight` is that push, rounded.
 */
export function explain(m: SoftmaxModel, x: Features, k: number, n = 5): Reason[] {
  const out: Reason[] = [];
  for (const [feature, value] of x) {
    const w = m.weights[feature];
    if (!w || feature === 'bias') continue;
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    out.push({ feature, weight: Math.round((w[k] - mean) * value * 1000) / 1000 });
  }
  return out
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1))
    .slice(0, n);
}
