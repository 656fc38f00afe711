import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  add,
  Article,
  decisionsArticles,
  evaluate,
  FIXTURES,
  Label,
  loadArticles,
  metrics,
  predict,
  score,
  Tally,
  toLabel,
} from '../eval/score';

/** What score_extraction.py prints: per key (all, fr, en) the counts, and the accuracies on matched pairs. */
function python(predictions: Map<string, Label[]>, articles: Article[]) {
  const dir = mkdtempSync(join(tmpdir(), 'scorer-'));
  try {
    for (const a of articles) {
      const slug = basename(a.name);
      copyFileSync(join(FIXTURES, `${a.name}.txt`), join(dir, `${slug}.txt`));
      copyFileSync(join(FIXTURES, `${a.name}.gold.json`), join(dir, `${slug}.gold.json`));
      writeFileSync(join(dir, `${slug}.pred.json`), JSON.stringify(predictions.get(a.name) ?? []));
    }
    const out = execFileSync('python3', [join(FIXTURES, 'score_extraction.py'), dir, dir], {
      encoding: 'utf8',
    });
    const keys = [...out.matchAll(/^\[(\w+)\] .*\(tp=(\d+), pred=(\d+), gold=(\d+)\)$/gmu)].map((m) => ({
      key: m[1],
      matched: Number(m[2]),
      predicted: Number(m[3]),
      gold: Number(m[4]),
    }));
    const acc = /^on \d+ matched: amount acc=([\d.]+) status acc=([\d.]+) due acc=([\d.]+)$/mu.exec(out);
    return { keys: keys.sort((a, b) => (a.key < b.key ? -1 : 1)), accuracies: acc ? acc.slice(1, 4) : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function typescript(predictions: Map<string, Label[]>, articles: Article[]) {
  const tallies = new Map<string, Tally>();
  for (const a of articles) {
    const t = score(a.text, a.gold, predictions.get(a.name) ?? []);
    for (const key of ['all', a.language]) {
      const before = tallies.get(key);
      tallies.set(key, before ? add(before, t) : t);
    }
  }
  const all = metrics(tallies.get('all')!);
  return {
    keys: [...tallies]
      .map(([key, t]) => ({ key, matched: t.matched, predicted: t.predicted, gold: t.gold }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    accuracies: tallies.get('all')!.matched
      ? [all.amount, all.status, all.due].map((x) => x.toFixed(2))
      : null,
  };
}

describe('the TypeScript scorer and score_extraction.py', () => {
  const articles = loadArticles();

  it('give the same numbers on hand-written predictions that probe the matching rule', () => {
    const file = JSON.parse(readFileSync(join(FIXTURES, 'scorer/predictions.json'), 'utf8')) as {
      predictions: Record<string, Label[]>;
    };
    const predictions = new Map(Object.entries(file.predictions));
    const some = articles.filter((a) => predictions.has(a.name));
    expect(some).toHaveLength(2);
    const ts = typescript(predictions, some);
    expect(python(predictions, some)).toEqual(ts);
    // The fixture's own expectations: the tie goes to the later prediction, exactly half matches,
    // an extra key in the amount is a wrong amount.
    expect(ts.keys.find((k) => k.key === 'fr')).toEqual({ key: 'fr', matched: 4, predicted: 8, gold: 5 });
    expect(ts.keys.find((k) => k.key === 'en')).toEqual({ key: 'en', matched: 2, predicted: 2, gold: 15 });
  });

  it('give the same numbers on the extractor’s predictions for every article', () => {
    const predictions = new Map(articles.map((a) => [a.name, predict(a).map(toLabel)]));
    expect(python(predictions, articles)).toEqual(typescript(predictions, articles));
  });
});

describe('a decisions export as evaluation data', () => {
  it('scores each article of the export against its labels, and leaves other languages out', () => {
    const nato = loadArticles().find((a) => a.name.startsWith('nato-ukraine'))!;
    const file = {
      articles: [
        { sourceId: 's1', language: 'fr', publishedAt: nato.publishedAt, text: nato.text, labels: nato.gold },
        { sourceId: 's2', language: 'uk', publishedAt: null, text: 'Міністри оборони.', labels: [] },
      ],
    };
    const articles = decisionsArticles(JSON.stringify(file));
    expect(articles.map((a) => a.name)).toEqual(['s1']);
    expect(evaluate(articles).overall).toEqual(evaluate([nato]).overall);
  });
});
