/**
 * A folded copy of a text with the same length, so that an offset found in the copy is the
 * offset in the original: lower case, no accents, plain apostrophes, one kind of space.
 * (quote-match.ts folds too, but it collapses white space and so moves offsets.)
 */
const APOSTROPHES = new Set(['’', '‘', 'ʼ', '′', '`']);
const cache = new Map<string, string>();

function foldChar(c: string): string {
  let f = cache.get(c);
  if (f !== undefined) return f;
  if (APOSTROPHES.has(c)) f = "'";
  else if (/\s/u.test(c)) f = ' ';
  else {
    const base = c.normalize('NFD').charAt(0).toLowerCase();
    f = base.length === 1 ? base : c;
  }
  cache.set(c, f);
  return f;
}

export function foldKeepLength(s: string): string {
  const out: string[] = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    // ASCII fast path: most of any article.
    out[i] = code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : s[i]) : foldChar(s[i]);
  }
  return out.join('');
}

/** Folding for comparison of short strings (names, lexicon entries): also trims and collapses spaces. */
export function foldName(s: string): string {
  return foldKeepLength(s).replace(/\s+/g, ' ').trim();
}
