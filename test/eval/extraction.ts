/**
 * `npm run eval:extraction`: precision, recall and F1 of the candidate extractor against the
 * labelled articles of test/fixtures/extraction (LABELING.md, scored as score_extraction.py
 * scores), for the fitting part and the test part (split.json) apart, overall and per language,
 * with the share of equal amounts, statuses and deadlines on matched pairs.
 * `-- --verbose` lists the fitting part's predictions and misses (never the test part's).
 * `-- --decisions FILE` scores a decisions export of the service instead.
 */
import { readFileSync } from 'node:fs';
import { Article, decisionsArticles, evaluate, loadArticles, metrics, splitArticles, Tally } from './score';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (label: string, t: Tally) => {
  const m = metrics(t);
  return `${label.padEnd(10)} P ${pct(m.precision).padStart(6)}  R ${pct(m.recall).padStart(6)}  F1 ${m.f1.toFixed(3)}  (gold ${t.gold}, predicted ${t.predicted}, matched ${t.matched})  amount ${pct(m.amount)}  status ${pct(m.status)}  due ${pct(m.due)}`;
};

function report(title: string, articles: Article[], verbose: boolean): void {
  const result = evaluate(articles);
  console.log(`\n## ${title}: ${articles.length} articles`);
  console.log(line('overall', result.overall));
  for (const [language, t] of [...result.byLanguage].sort()) console.log(line(language, t));
  if (!verbose) return;
  for (const a of result.perArticle) {
    console.log(`\n${line(a.name, a.tally)}`);
    for (const p of a.predicted)
      console.log(
        `  - ${p.kind}/${p.statusHint} ${p.amount ? `${p.amount.value} ${p.amount.currency}` : ''} ${p.dueAt ?? ''} «${p.quote}»`,
      );
    for (const g of articles.find((x) => x.name === a.name)!.gold)
      console.log(
        `  * gold ${g.kind}/${g.statusHint} ${g.amount ? `${g.amount.value} ${g.amount.currency}` : ''} ${g.dueHint ?? ''} «${g.quote}»`,
      );
  }
}

const args = process.argv.slice(2);
const decisions = args.indexOf('--decisions');
if (decisions >= 0) {
  const file = args[decisions + 1];
  if (!file)
    throw new Error('--decisions needs a file: the JSON of GET /v1/candidates/decisions?format=gold');
  report(`decisions (${file})`, decisionsArticles(readFileSync(file, 'utf8')), args.includes('--verbose'));
} else {
  const { fitting, test } = splitArticles(loadArticles());
  report('fitting part', fitting, args.includes('--verbose'));
  report('test part (split.json; never tuned on)', test, false);
}
