/**
 * `npm run eval:extraction`: precision, recall and F1 of the candidate extractor against the
 * hand-labelled articles in test/fixtures/extraction, overall and per language, and how often
 * the amount, status and deadline agree on matched pairs. `--verbose` lists every miss.
 */
import { evaluate, loadArticles, metrics, Tally } from './score';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (label: string, t: Tally) => {
  const m = metrics(t);
  return `${label.padEnd(10)} P ${pct(m.precision).padStart(6)}  R ${pct(m.recall).padStart(6)}  F1 ${m.f1.toFixed(3)}  (gold ${t.gold}, predicted ${t.predicted}, matched ${t.matched})  amount ${pct(m.amount)}  status ${pct(m.status)}  due ${pct(m.due)}`;
};

const articles = loadArticles();
const result = evaluate(articles);
console.log(`${articles.length} articles`);
console.log(line('overall', result.overall));
for (const [language, t] of [...result.byLanguage].sort()) console.log(line(language, t));
if (process.argv.includes('--verbose'))
  for (const a of result.perArticle) {
    console.log(`\n${line(a.name, a.tally)}`);
    for (const p of a.predicted)
      console.log(
        `  - ${p.kind}/${p.statusHint} ${p.amount ? `${p.amount.value} ${p.amount.currency} ${p.amount.qualifier}` : ''} ${p.dueAt ?? ''} «${p.quote}»`,
      );
  }
