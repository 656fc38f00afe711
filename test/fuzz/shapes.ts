import fc from 'fast-check';
import { Json, objectOf, RawJson } from './values';

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
  '\r\nX-WR-CALNAME:forged',
  '\r\nBEGIN:VEVENT\r\nUID:evil@attacker.example\r\nSUMMARY:Wire funds to attacker\r\nURL:https://evil.example/\r\nEND:VEVENT',
];

export const EXPONENTS = ['1e-9', '1E+3', '1e2', '5E-1', '1e0', '-1e-9', '1.5e1'];

export const taint: fc.Arbitrary<string> = fc.constantFrom(...TAINTS);
export const exponent: fc.Arbitrary<RawJson> = fc.constantFrom(...EXPONENTS).map((e) => new RawJson(e));

/** A copy of `value` with every string and every number replaced (objects keep own `__proto__` keys). */
function mapLeaves(value: Json, leaf: (v: string | number) => Json): Json {
  if (typeof value === 'string' || typeof value === 'number') return leaf(value);
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, leaf));
  if (value !== null && typeof value === 'object' && !(value instanceof RawJson))
    return objectOf(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf)]));
  return value;
}

/** The valid body with one taint appended to every string: each field must refuse it by itself. */
export const taintedEverywhere = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.tuple(valid, taint).map(([body, t]) => mapLeaves(body, (v) => (typeof v === 'string' ? v + t : v)));

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
