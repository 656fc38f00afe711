import fc from 'fast-check';
import { Json, objectOf, RawJson } from './values';

const FORGED_NAME = '\r\nX-WR-CALNAME:forged';
const FORGED_EVENT =
  '\r\nBEGIN:VEVENT\r\nUID:evil@attacker.example\r\nSUMMARY:Wire funds to attacker\r\nURL:https://evil.example/\r\nEND:VEVENT';

/**
 * The shapes of the third hostile review (issue #22): what a careful attacker appends to an
 * otherwise valid string — control characters, Unicode non-characters, lone surrogates, and line
 * breaks that forge calendar lines — and numbers in exponent notation.
 */
export const TAINTS = [
  '\u0001',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u2028',
  '\uFFFF',
  '\uFFFE',
  '\uFDD0',
  '\u{1FFFE}',
  '\u{10FFFF}',
  '\uD800',
  '\uDFFF',
  '\r\n',
  '\n',
  '\r',
  FORGED_NAME,
  FORGED_EVENT,
];

export const EXPONENTS = ['1e-9', '1E+3', '1e2', '5E-1', '1e0', '-1e-9', '1.5e1'];

/** The taints that break a document when they get through: XML's non-characters, forged calendar lines. */
const BREAKING = ['\uFFFF', '\uFFFE', FORGED_NAME, FORGED_EVENT];

export const taint: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...BREAKING) },
  { weight: 3, arbitrary: fc.constantFrom(...TAINTS) },
);
/** 1e-9 most often: JavaScript writes it back in exponent notation (a decimal check then sees no digits). */
export const exponent: fc.Arbitrary<RawJson> = fc
  .oneof(
    { weight: 1, arbitrary: fc.constant('1e-9') },
    { weight: 2, arbitrary: fc.constantFrom(...EXPONENTS) },
  )
  .map((e) => new RawJson(e));

/** Fields people write text into: the taint goes into one of these half of the time. */
const TEXT_FIELD =
  /^(title|statement|note|reason|assignee|tag|tags|name|description|publisher|author|text|\d+)$/;

/**
 * A copy of `value` with every string and number passed through `leaf` with the key it is under
 * (objects keep own `__proto__` keys).
 */
function mapLeaves(value: Json, leaf: (v: string | number, key: string) => Json, key = ''): Json {
  if (typeof value === 'string' || typeof value === 'number') return leaf(value, key);
  if (Array.isArray(value)) return value.map((v, i) => mapLeaves(v, leaf, i === 0 ? key : String(i)));
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson))
    return objectOf(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf, k)]));
  return value;
}

/**
 * The valid body with a taint appended to one of its strings, any of them (ids and quotes
 * included): each field must refuse it by itself, and whatever is accepted must not break a feed.
 */
export const taintedOne = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.tuple(valid, taint, fc.nat(), fc.boolean()).map(([body, t, pick, textOnly]) => {
    const eligible = (v: string | number, key: string) =>
      typeof v === 'string' && (!textOnly || TEXT_FIELD.test(key));
    let count = 0;
    mapLeaves(body, (v, key) => (eligible(v, key) && count++, v));
    if (count === 0) return body;
    let i = 0;
    return mapLeaves(body, (v, key) => (eligible(v, key) && i++ === pick % count ? `${v}${t}` : v));
  });

/** The valid body with every number written in exponent notation (1e-9, 1E+3, …). */
export const exponentsEverywhere = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.tuple(valid, exponent).map(([body, e]) => mapLeaves(body, (v) => (typeof v === 'number' ? e : v)));

/** An ECB-style rates CSV, often with a repeated or broken currency column, for PUT /v1/fx-rates. */
export const fxCsv: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(['USD', 'USD'], ['USD', 'JPY', 'USD'], ['usd', 'USD']) },
      fc.array(fc.constantFrom('USD', 'JPY', 'GBP', 'CHF', '', 'U\uFFFFD', 'US\r\nD', 'EUR'), {
        minLength: 1,
        maxLength: 4,
      }),
    ),
    fc.array(fc.constantFrom('2024-06-13', '2024-06-14', '9999-12-31', '1e3', ''), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom('1.0713', '1e-9', '1E+3', 'N/A', '', '-1', '0', '1,07'),
  )
  .map(([columns, dates, rate]) =>
    [`Date,${columns.join(',')}`, ...dates.map((d) => `${d},${columns.map(() => rate).join(',')}`)].join(
      '\n',
    ),
  );
