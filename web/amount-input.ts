/**
 * An amount as a person types it, into the API's decimal string: `2 000 000 000`,
 * `2,000,000,000`, `2000000000`, `2 Md`, `2bn`, `1,5 milliard`, `€40bn`. Written by hand: number
 * parsers read one locale's separators, and none knows the scale words of both languages
 * (`billion` is 10^9 in English and 10^12 in French). Returns null for anything else.
 */
const SCALES: Record<'en' | 'fr', Record<string, number>> = {
  en: {
    k: 3,
    thousand: 3,
    thousands: 3,
    m: 6,
    mn: 6,
    million: 6,
    millions: 6,
    b: 9,
    bn: 9,
    billion: 9,
    billions: 9,
    tn: 12,
    trillion: 12,
    trillions: 12,
  },
  fr: {
    k: 3,
    mille: 3,
    m: 6,
    million: 6,
    millions: 6,
    md: 9,
    mds: 9,
    mrd: 9,
    mrds: 9,
    milliard: 9,
    milliards: 9,
    bn: 9,
    billion: 12,
    billions: 12,
  },
};

export function parseAmountInput(text: string, locale: string): string | null {
  const lang = locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const plain = text
    .toLowerCase()
    .replace(/[\s\u00a0\u202f\u2009]+/g, ' ')
    .replace(/[€$£]|\b(eur|usd|gbp|chf|euros?|dollars?)\b/g, '')
    .replace(/\bd[’']/g, '')
    .trim();
  const match = /^([0-9][0-9 .,']*?)\s*([a-z]+)?$/.exec(plain);
  if (!match) return null;
  const [, number, scaleWord] = match;
  const exponent = scaleWord === undefined ? 0 : SCALES[lang][scaleWord];
  if (exponent === undefined) return null;
  const decimal = toDecimal(number.trim(), lang, exponent > 0);
  return decimal === null ? null : shift(decimal, exponent);
}

/** `1,5` / `2.000.000` / `2 000,50` → `1.5` / `2000000` / `2000.50`, or null when ambiguous past reading. */
function toDecimal(number: string, lang: 'en' | 'fr', scaled: boolean): string | null {
  const compact = number.replace(/[ ']/g, '');
  if (number.includes(' ') && !/^\d{1,3}( \d{3})*([.,]\d+)?$/.test(number)) return null;
  const commas = (compact.match(/,/g) ?? []).length;
  const dots = (compact.match(/\./g) ?? []).length;
  let decimalMark: ',' | '.' | null = null;
  if (commas && dots) decimalMark = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1 || dots === 1) {
    const mark = commas ? ',' : '.';
    const after = compact.length - compact.indexOf(mark) - 1;
    // `1,5 Md` and `2,50` are decimals; `2,000` is grouped in English and 2 in French.
    decimalMark = scaled || after !== 3 ? mark : lang === 'fr' ? ',' : '.';
    if (decimalMark !== mark) decimalMark = null;
  }
  const group = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : /[.,]/;
  const [whole, fraction = '', extra] = compact.split(decimalMark ?? /$^/);
  if (extra !== undefined) return null;
  const groups = whole.split(group);
  if (groups.length > 1 && !groups.slice(1).every((g) => g.length === 3)) return null;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) || !/^\d*$/.test(fraction)) return null;
  return fraction ? `${digits}.${fraction}` : digits;
}

/** Multiplies a decimal string by 10^exponent without floating point. */
function shift(decimal: string, exponent: number): string {
  const [whole, fraction = ''] = decimal.split('.');
  const padded = fraction.padEnd(exponent, '0');
  const integer = (whole + padded.slice(0, exponent)).replace(/^0+(?=\d)/, '');
  const rest = padded.slice(exponent).replace(/0+$/, '');
  return rest ? `${integer}.${rest}` : integer;
}
/** The currency a passage names (`$`, `£`, `€`, a code), else the usual one for its language; '' when unknown. */
export function proposeCurrency(text: string, language: string): string {
  const named = /(€|\bEUR\b|euros?)|(\$|\bUSD\b|dollars?)|(£|\bGBP\b|pounds? sterling)/i.exec(text);
  if (named) return named[1] ? 'EUR' : named[2] ? 'USD' : 'GBP';
  return language.toLowerCase().startsWith('fr') ? 'EUR' : '';
}
