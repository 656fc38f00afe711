/**
 * Quote matching for citations (spec, Items: "Quotes are checked"). A quote matches when it
 * occurs in the source text after folding white space, case and typographic quotes — nothing
 * else: accents are kept, so "equivalant" does not match "équivalant". The search runs on a
 * folded copy; an index map built while folding takes the match back to the original text,
 * which is what a citation's selectors point into.
 */

/** Where a quote was found, as W3C Web Annotation TextQuote- and TextPositionSelectors. */
export interface QuoteLocation {
  /** The passage as written (’ and « » included); up to 32 code points either side of it. */
  exact: string;
  prefix: string;
  suffix: string;
  /** Offsets in code points of the original text, end exclusive: the Web Annotation model
   *  counts code points, not UTF-16 units, so an emoji before the quote counts 1, not 2. */
  start: number;
  end: number;
}

const CONTEXT_LENGTH = 32;

// Typographic marks and what a researcher types for them; ‹ › and ‚ are the inner quotes of
// French and German typography.
const QUOTE_MARKS: Readonly<Record<string, string>> = {
  '’': "'",
  '‘': "'",
  '‛': "'",
  '′': "'",
  ʼ: "'",
  '‚': "'",
  '‹': "'",
  '›': "'",
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
};

const MARK = /^\p{M}$/u;
const WHITE_SPACE = /^\s$/u; // JS \s covers NBSP, U+202F, U+2000–200A, line breaks, tabs

/** A text folded for matching, with the way back to the original (see foldText). */
export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`: the span [starts[i], ends[i]) of the original it came from. */
  starts: Uint32Array;
  ends: Uint32Array;
}

/** Folds a string for comparison: NFC, lower case, one space per white-space run, plain quotes. */
export function foldForMatch(s: string): string {
  return foldText(s).text;
}

/** Finds the first occurrence of `quote` in `text` under folding; null when there is none. */
export function locateQuote(text: string, quote: string): QuoteLocation | null {
  return locateInFolded(text, foldText(text), quote);
}

/**
 * As locateQuote, on a text folded beforehand: a request citing one source fifty times folds
 * it once (folding is ~35 times the cost of the search itself).
 */
export function locateInFolded(text: string, hay: FoldedText, quote: string): QuoteLocation | null {
  const needle = foldText(quote).text;
  if (needle === '') return null;
  // indexOf rather than a regex: linear-ish on a 1 MB text and no backtracking.
  for (let at = hay.text.indexOf(needle); at >= 0; at = hay.text.indexOf(needle, at + 1)) {
    const last = at + needle.length - 1;
    // A match must not cut a character in half: "q" is not in "q̇" (q + combining dot).
    const startsClean = at === 0 || hay.starts[at] !== hay.starts[at - 1];
    const endsClean = last === hay.text.length - 1 || hay.starts[last + 1] !== hay.starts[last];
    if (startsClean && endsClean) return describe(text, hay.starts[at], hay.ends[last]);
  }
  return null;
}

/**
 * Folds segment by segment — a base character plus the combining marks after it — so each
 * folded unit knows its origin. Normalising whole segments keeps NFC correct (é written as
 * e + U+0301 composes), and lower-casing without context folds a quote and its source alike.
 * Spaces next to a double quote are dropped, so French "« Cela" matches a typed "\"Cela".
 */
export function foldText(s: string): FoldedText {
  const pieces: string[] = [];
  // Folding never lengthens by more than a few units per character (NFC of one segment, or
  // a lower-case expansion such as İ → i̇); grown on demand past the first guess.
  let starts = new Uint32Array(s.length + 16);
  let ends = new Uint32Array(s.length + 16);
  let size = 0;
  let last = '';
  let spaceStart = -1; // start of a white-space run not yet emitted, or -1
  let spaceEnd = 0;
  const emit = (piece: string, from: number, to: number): void => {
    pieces.push(piece);
    if (size + piece.length > starts.length) {
      const grown = Math.max(2 * starts.length, size + piece.length);
      starts = copyInto(new Uint32Array(grown), starts);
      ends = copyInto(new Uint32Array(grown), ends);
    }
    for (let k = 0; k < piece.length; k++) {
      starts[size] = from;
      ends[size] = to;
      size++;
    }
    last = piece;
  };
  for (let i = 0; i < s.length;) {
    const from = i;
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isWhiteSpace(cp)) {
      if (spaceStart < 0) spaceStart = from;
      spaceEnd = i;
      continue;
    }
    for (let next = s.codePointAt(i); next !== undefined && isExtender(next); next = s.codePointAt(i)) {
      i += next > 0xffff ? 2 : 1;
    }
    const piece = foldSegment(s.slice(from, i));
    // Leading and trailing runs are never emitted: that is the trim.
    if (spaceStart >= 0 && last !== '' && !last.endsWith('"') && !piece.startsWith('"')) {
      emit(' ', spaceStart, spaceEnd);
    }
    spaceStart = -1;
    emit(piece, from, i);
  }
  return { text: pieces.join(''), starts: starts.subarray(0, size), ends: ends.subarray(0, size) };
}

function copyInto(target: Uint32Array<ArrayBuffer>, source: Uint32Array): Uint32Array<ArrayBuffer> {
  target.set(source);
  return target;
}

function foldSegment(segment: string): string {
  // toLowerCase, not toLocaleLowerCase: the result must not depend on the server's locale.
  // Lone ASCII characters skip normalisation, which is most of a text and half the cost.
  if (segment.length === 1 && segment < '\x80') return segment.toLowerCase();
  return QUOTE_MARKS[segment] ?? segment.normalize('NFC').toLowerCase().normalize('NFC');
}

function isWhiteSpace(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return WHITE_SPACE.test(String.fromCodePoint(cp));
}

/** Code points that belong to the segment before them: combining marks, Hangul vowels/finals. */
function isExtender(cp: number): boolean {
  if (cp < 0x300) return false; // fast path: no marks below the combining diacritics block
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return true;
  return MARK.test(String.fromCodePoint(cp));
}

/** Builds the selectors for the original UTF-16 span [from, to). */
function describe(text: string, from: number, to: number): QuoteLocation {
  const start = codePointCount(text, 0, from);
  // 2 × CONTEXT_LENGTH units hold CONTEXT_LENGTH whole code points even if a pair is cut.
  const before = Array.from(text.slice(Math.max(0, from - 2 * CONTEXT_LENGTH), from));
  const after = Array.from(text.slice(to, to + 2 * CONTEXT_LENGTH));
  return {
    exact: text.slice(from, to),
    prefix: before.slice(-CONTEXT_LENGTH).join(''),
    suffix: after.slice(0, CONTEXT_LENGTH).join(''),
    start,
    end: start + codePointCount(text, from, to),
  };
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    // codePointAt joins a valid surrogate pair only; a lone surrogate counts as one.
    if (text.codePointAt(i)! > 0xffff && i + 1 < to) i++;
    count++;
  }
  return count;
}
