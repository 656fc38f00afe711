/**
 * Candidate extraction speed (spec, Candidates: "a 20,000-character article in under 200 ms"):
 * the median time to extract each article of the evaluation set, and a synthetic 20,000-character
 * article in each language built from them. In the service this work runs on the worker pool,
 * so the event loop only waits for the answer. Runs in `npm run bench`.
 */
import { extractCandidates } from '../../src/candidates/extraction/extract';
import { Language } from '../../src/candidates/extraction/lexicon';
import { loadArticles } from '../eval/score';

const RUNS = 21;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(text: string, language: Language, publishedAt: string): { ms: number; candidates: number } {
  const options = { language, publishedAt: new Date(publishedAt) };
  let candidates = 0;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    candidates = extractCandidates(text, options).length;
    samples.push(performance.now() - start);
  }
  return { ms: median(samples), candidates };
}

function main(): void {
  const articles = loadArticles();
  const coldStart = performance.now();
  extractCandidates('Les Alliés ont promis 40 milliards d’euros.', {
    language: 'fr',
    publishedAt: new Date(),
  });
  extractCandidates('Allies pledged €40bn.', { language: 'en', publishedAt: new Date() });
  console.log(
    `\n# Candidate extraction (median of ${RUNS} runs each; first use compiles the lexicons: ${(performance.now() - coldStart).toFixed(0)} ms)`,
  );
  console.log('| text | characters | candidates | median ms |\n|---|---:|---:|---:|');
  const perArticle = articles.map((a) => ({ a, ...time(a.text, a.language, a.publishedAt) }));
  for (const { a, ms, candidates } of perArticle)
    console.log(`| ${a.name} | ${a.text.length} | ${candidates} | ${ms.toFixed(2)} |`);
  console.log(
    `| **evaluation set, median per article** | | | **${median(perArticle.map((p) => p.ms)).toFixed(2)}** |`,
  );
  for (const language of ['fr', 'en'] as const) {
    const own = articles.filter((a) => a.language === language);
    let long = '';
    for (let i = 0; long.length < 20_000; i++) long += `${own[i % own.length].text}\n\n`;
    long = long.slice(0, long.lastIndexOf('\n\n', 20_000) > 0 ? long.lastIndexOf('\n\n', 20_000) : 20_000);
    const r = time(long, language, own[0].publishedAt);
    console.log(
      `| **synthetic ${language} article** | ${long.length} | ${r.candidates} | **${r.ms.toFixed(2)}** |`,
    );
  }
}

main();
