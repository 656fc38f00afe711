/**
 * Unicode non-characters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF in every plane) and lone surrogates:
 * no text a person writes contains them, XML cannot carry U+FFFE, U+FFFF or a lone surrogate, and
 * PostgreSQL's UTF-8 cannot store a lone surrogate (pg would silently write U+FFFD instead).
 * With the `u` flag a surrogate range matches only surrogates that are not part of a pair.
 */
const UNCARRIABLE = /[\p{Noncharacter_Code_Point}\uD800-\uDFFF]/u;

export const UNCARRIABLE_MESSAGE = 'must not contain Unicode non-characters or lone surrogates';

export function hasUncarriable(text: string): boolean {
  return UNCARRIABLE.test(text);
}

/**
 * The path of every string in a parsed JSON body or query that holds an uncarriable character,
 * `citations.0.quote` style. Bodies are already bounded (values and depth) before they get here.
 */
export function uncarriableStrings(value: unknown, parent = ''): string[] {
  if (typeof value === 'string') return hasUncarriable(value) ? [parent] : [];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => uncarriableStrings(child, parent ? `${parent}.${key}` : key));
}

/**
 * XML 1.0's Char production: tab, newlines, U+0020–U+D7FF, U+E000–U+FFFD and the supplementary
 * planes. Anything else (C0 controls, U+FFFE, U+FFFF, a lone surrogate) makes a document ill-formed.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text stored before it was refused (or from a fetched page) cannot break a document: U+FFFD instead. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}
