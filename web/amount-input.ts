/**
 * Amounts as researchers type them, in French or English: `2 000 000 000`, `2,000,000,000`,
 * `2000000000`, `2 Md`, `2,5 Md€`, `2bn`, `€1.5 billion`, `40 milliards d’euros` → the API's
 * decimal string (`"2000000000"`, `"2500000000"`). Written by hand: it is a dozen rules on a
 * short string, and the number-parsing libraries read one locale at a time, not both at once.
 */

/** Powers of ten by scale word, folded to lower case (`M` and `m` are both millions). */
const SCALES: Record<string, number> = {
  k: 3,
  thousand: 3,
  mille: 3,
  m: 6,
  mn: 6,
  mio: 6,
  million: 6,
  millions: 6,
  md: 9,
  mds: 9,
  mrd: 9,
  milliard: 9,
  milliards: 9,
  bn: 9,
  b: 9,
  billion: 9,
  billions: 9,
  tn: 12,
  trillion: 12,
  trillions: 12,
};

/** Currency marks and words around the figure, dropped before reading it. */
const CURRENCY =
  /[€$£¥]|\b(?:EUR|USD|GBP|CHF|JPY|CAD|AUD)\b|\b(?:d['’]\s*)?euros?\b|\b(?:de\s+)?dollars?\b|\b(?:de\s+)?livres?\b/gi;
const SPACES = /[\s\u00a0\u202f']/g;

/** The decimal string for what was typed, or null when it is not an amount. */
export function parseAmount(typed: string): string | null {
  const cleaned = typed.replace(CURRENCY, ' ').trim();
  const match = /^(\d[\d\s\u00a0\u202f'.,]*?)\s*([a-zA-Z]*)\.?$/.exec(cleaned);
  if (!match) return null;
  const [, figure, word] = match;
  const power = word === '' ? 0 : SCALES[word.toLowerCase()];
  if (power === undefined) return null;
  const number = splitDecimal(figure.replace(SPACES, ''));
  if (!number) return null;
  return shift(number.whole, number.fraction, power);
}

/**
 * Which of `,` and `.` is the decimal mark: a mark that separates groups of exactly three digits
 * (`2,000,000`, `2.000.000`, `1,500`) groups; otherwise the last mark is the decimal one (`2,5`, `1.25`).
 */
function splitDecimal(figure: string): { whole: string; fraction: string } | null {
  if (!/^\d[\d.,]*$/.test(figure) || /[.,]$/.test(figure)) return null;
  const marks = [...new Set(figure.replace(/\d/g, ''))];
  if (marks.length === 0) return { whole: figure, fraction: '' };
  const grouping = (mark: string) => new RegExp(`^[1-9]\\d{0,2}(\\${mark}\\d{3})+$`);
  if (marks.length === 1) {
    const [mark] = marks;
    if (grouping(mark).test(figure)) return { whole: figure.split(mark).join(''), fraction: '' };
    const parts = figure.split(mark);
    return parts.length === 2 ? { whole: parts[0], fraction: parts[1] } : null;
  }
  // Both marks: the last one is decimal, the other groups (`2,000.50`, `2.000,50`).
  const decimal = figure.lastIndexOf(',') > figure.lastIndexOf('.') ? ',' : '.';
  const group = decimal === ',' ? '.' : ',';
  const [whole, fraction] = figure.split(decimal);
  if (fraction === undefined || figure.split(decimal).length !== 2 || !grouping(group).test(whole))
    return null;
  return { whole: whole.split(group).join(''), fraction };
}

/** whole.fraction × 10^power as a decimal string with at most 2 fractional digits; null beyond. */
function shift(whole: string, fraction: string, power: number): string | null {
  const digits = whole + fraction.padEnd(power, '0');
  const point = whole.length + power;
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  if (frac.length > 2 || intPart.length > 18) return null;
  if (/^0*$/.test(intPart + frac)) return null;
  return frac ? `${intPart}.${frac}` : intPart;
}

/** The currency a passage names (`$`, `£`, `€`, a code), else the usual one for its language; '' when unknown. */
export function proposeCurrency(text: string, language: string): string {
  const named = /(€|\bEUR\b|euros?)|(\$|\bUSD\b|dollars?)|(£|\bGBP\b|pounds? sterling)/i.exec(text);
  if (named) return named[1] ? 'EUR' : named[2] ? 'USD' : 'GBP';
  return language.toLowerCase().startsWith('fr') ? 'EUR' : '';
}
