import fc from 'fast-check';

/** A JSON token written as is: numbers JSON.stringify cannot produce (1e309, 2^53 + 1 exactly). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json };

/** JSON text of a value, keeping own `__proto__` keys and raw tokens. */
export function toJson(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${toJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object with the given entries as own properties, `__proto__` included. */
export function objectOf(entries: [string, Json][]): { [key: string]: Json } {
  const o: { [key: string]: Json } = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const SQL = [
  "'; DROP TABLE items; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '$$; TRUNCATE audit_log; $$',
  'NULL',
  '\\x00',
];
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\u202e\u200b\ufeff',
  '\ud800',
  '%00',
  '../../etc/passwd',
  '${jndi:ldap://127.0.0.1/a}',
  '<script>alert(1)</script>',
  '{{7*7}}',
  'true',
  '-1',
  '1e309',
  'NaN',
  '9007199254740993',
  '',
  ' ',
  '\t\n',
  'é'.normalize('NFD'),
  '🇺🇦',
  '\u0085\u2028',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL, ...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(100, 10_000, 300_000).map((n) => 'x'.repeat(n)),
);

export const hostileNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    new RawJson('1e309'),
    new RawJson('-1e309'),
    new RawJson('9007199254740993'),
    new RawJson('-9007199254740993'),
    new RawJson('1e-400'),
  ),
  fc.constantFrom<Json>(0, -1, 2 ** 53, 0.1, 1e21, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Objects and arrays nested `depth` deep, as raw text: parsers and validators must not recurse into trouble. */
const deep: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom(50, 1000, 5000), fc.boolean())
  .map(
    ([depth, asArray]) =>
      new RawJson(
        asArray
          ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
          : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      ),
  );

/**
 * The shapes of the red-team review (issue #10): arrays past and just under the 50,000-element
 * bound, objects of many keys, keys named like Object.prototype members, long quotes of
 * combining characters, and instants Date cannot read or that carry no zone.
 */
const bulky: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(60_000, 40_000, 5_000).map((n) => new RawJson(`[${'{},'.repeat(n - 1)}{}]`)),
  fc
    .constantFrom(5_000, 900)
    .map((n) => new RawJson(`{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`)),
  fc
    .constantFrom('toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__')
    .map((k) => objectOf([[k, 'x']])),
  fc.constantFrom(5000, 4999).map((n) => 'e\u0301 '.repeat(n).slice(0, n)),
  fc.constantFrom('2024-W24', '2024-165', '0100-01-01', '2024-06-13T09:00:00', '+275760-09-13T00:00:00Z'),
);

/** Anything a hostile client might put where a value belongs. */
export const hostileValue: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom<Json>(null, true, false, [], {}),
    deep,
    bulky,
    fc
      .constantFrom('__proto__', 'constructor', 'prototype')
      .chain((k) => tie('value').map((v) => objectOf([[k, v]]))),
    fc.constant(objectOf([['__proto__', objectOf([['isAdmin', true]])]])),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;
