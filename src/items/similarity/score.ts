import { sameMoney, Traits } from './traits';

/** Which signals two pledges share (GET /v1/items/similar shows them). */
export interface Signals {
  amount: boolean;
  actors: string[];
  due: boolean;
  words: string[];
  trigram: number;
}

/**
 * How much each signal counts. The same amount and currency is the strongest sign of the same
 * pledge; words are compared as concept keys and stems, so a French report meets an English one.
 */
export const WEIGHTS = { amount: 0.4, actors: 0.15, due: 0.1, words: 0.35, trigram: 0.25 } as const;

/** A score in [0, 1] and the signals behind it. Pure: tested without a database. */
export function scorePair(query: Traits, item: Traits, trigram: number): { score: number; signals: Signals } {
  const amount = query.amounts.some((a) => item.amounts.some((b) => sameMoney(a, b)));
  const actors = [...query.names].filter((n) => item.names.has(n));
  const due =
    !!query.window &&
    !!item.window &&
    query.window.from <= item.window.to &&
    item.window.from <= query.window.to;
  const common = [...query.words].filter((w) => item.words.has(w));
  const dice =
    query.words.size + item.words.size ? (2 * common.length) / (query.words.size + item.words.size) : 0;
  const raw =
    (amount ? WEIGHTS.amount : 0) +
    (actors.length ? WEIGHTS.actors : 0) +
    (due ? WEIGHTS.due : 0) +
    WEIGHTS.words * dice +
    WEIGHTS.trigram * trigram;
  return {
    score: Math.round(Math.min(1, raw) * 1000) / 1000,
    signals: {
      amount,
      actors,
      due,
      words: common.map((w) => w.replace(/^\w\w:/, '')),
      trigram: Math.round(trigram * 1000) / 1000,
    },
  };
}
