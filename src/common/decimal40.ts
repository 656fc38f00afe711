/**
 * The arithmetic of `ExactDecimal` (common/money.ts: decimal.js at 40 significant digits, half to
 * even) on BigInt, for the hot loop of currency conversion: the same results digit for digit
 * (test/unit/decimal40.spec.ts compares them on random values and ties), about ten times faster,
 * because a value is one BigInt and an exponent rather than an array of digit groups.
 *
 * A value is `c × 10^e`. Products, quotients and sums are rounded to 40 significant digits, half
 * to even, as decimal.js rounds them; parsing is exact, as `new Decimal(string)` is.
 */
export interface Decimal40 {
  readonly c: bigint;
  readonly e: number;
}

const PRECISION = 40;
/** 10^0 … 10^127: looked up, not raised (operands here have well under 128 digits). */
const POWERS = Array.from({ length: 128 }, (_, i) => 10n ** BigInt(i));
const pow10 = (n: number) => POWERS[n] ?? 10n ** BigInt(n);
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

export const ZERO: Decimal40 = { c: 0n, e: 0 };

/** A plain decimal string, as PostgreSQL prints numeric ("-12.5", "40000000000"). */
export function parseDecimal(s: string): Decimal40 {
  const m = PLAIN.exec(s);
  if (!m) throw new TypeError(`not a plain decimal: ${JSON.stringify(s)}`);
  const fraction = m[3] ?? '';
  const c = BigInt(m[2] + fraction);
  return { c: m[1] ? -c : c, e: -fraction.length };
}

export function times(a: Decimal40, b: Decimal40): Decimal40 {
  return round(a.c * b.c, a.e + b.e, PRECISION);
}

export function plus(a: Decimal40, b: Decimal40): Decimal40 {
  const e = Math.min(a.e, b.e);
  return round(a.c * pow10(a.e - e) + b.c * pow10(b.e - e), e, PRECISION);
}

export function dividedBy(a: Decimal40, b: Decimal40): Decimal40 {
  if (b.c === 0n) throw new RangeError('division by zero');
  const [n, d] = [abs(a.c), abs(b.c)];
  // Enough digits that rounding always drops one; the remainder decides ties.
  const shift = Math.max(0, PRECISION + 2 + digits(d) - digits(n));
  const scaled = n * pow10(shift);
  const q = round(scaled / d, a.e - b.e - shift, PRECISION, scaled % d !== 0n);
  return a.c < 0n !== b.c < 0n ? { c: -q.c, e: q.e } : q;
}

/** Rounded to the cent, half to even, printed as decimal.js `toFixed()` prints: "12.5", "0". */
export function toCentsString(x: Decimal40): string {
  const { c, e } = x.e < -2 ? roundTo(x.c, x.e, -2 - x.e, false) : x;
  if (c === 0n) return '0';
  const sign = c < 0n ? '-' : '';
  let s = abs(c).toString();
  if (e >= 0) return sign + s + '0'.repeat(e);
  s = s.padStart(-e + 1, '0');
  const [whole, fraction] = [s.slice(0, s.length + e), s.slice(s.length + e).replace(/0+$/, '')];
  return sign + whole + (fraction ? `.${fraction}` : '');
}

/** c × 10^e to `precision` significant digits; `sticky`: something non-zero lies beyond c. */
function round(c: bigint, e: number, precision: number, sticky = false): Decimal40 {
  const drop = digits(abs(c)) - precision;
  return drop > 0 ? roundTo(c, e, drop, sticky) : { c, e };
}

/** Drops the last `drop` digits of c, half to even. */
function roundTo(c: bigint, e: number, drop: number, sticky: boolean): Decimal40 {
  const unit = pow10(drop);
  const n = abs(c);
  let q = n / unit;
  const twice = (n % unit) * 2n;
  if (twice > unit || (twice === unit && (sticky || q % 2n === 1n))) q += 1n;
  return { c: c < 0n ? -q : q, e: e + drop };
}

/** The number of decimal digits of n ≥ 0 (1 for 0), by binary search in POWERS. */
function digits(n: bigint): number {
  if (n >= POWERS[POWERS.length - 1]) return n.toString().length;
  let [lo, hi] = [1, POWERS.length - 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (n < POWERS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}
