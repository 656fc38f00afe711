import { dividedBy, parseDecimal, plus, times, toCentsString } from '../../src/common/decimal40';
import { ExactDecimal, toCents } from '../../src/common/money';

/** A small deterministic generator: the same cases on every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const digits = (n: number) =>
    Array.from({ length: n }, (_, i) => String(Math.floor(next() * 10) || (i === 0 ? 1 : 0))).join('');
  /** Plain decimals of every size this code sees: money sums, EUR sums to 12 places, rates. */
  return (): string => {
    const whole = next() < 0.1 ? '0' : digits(1 + Math.floor(next() * 30));
    const places = Math.floor(next() * 14);
    const sign = next() < 0.1 ? '-' : '';
    return sign + whole + (places ? `.${digits(places)}` : '');
  };
}

const same = (mine: { c: bigint; e: number }, theirs: InstanceType<typeof ExactDecimal>) =>
  expect([
    toCentsString(mine),
    `${mine.c}e${mine.e}`,
    new ExactDecimal(`${mine.c}e${mine.e}`).toFixed(),
  ]).toEqual([toCents(theirs), `${mine.c}e${mine.e}`, theirs.toFixed()]);

describe('Decimal40: the arithmetic of ExactDecimal on BigInt', () => {
  const random = generator(20241129);
  const pairs = Array.from({ length: 3000 }, () => [random(), random()] as const);

  it('should multiply, divide and add as decimal.js does at 40 digits, half to even', () => {
    for (const [a, b] of pairs) {
      const [x, y] = [parseDecimal(a), parseDecimal(b)];
      const [dx, dy] = [new ExactDecimal(a), new ExactDecimal(b)];
      same(times(x, y), dx.times(dy));
      same(plus(x, y), dx.plus(dy));
      if (!dy.isZero()) same(dividedBy(x, y), dx.dividedBy(dy));
      same(
        dividedBy(times(x, parseDecimal('0.8512')), parseDecimal('1.0812')),
        dx.times('0.8512').dividedBy('1.0812'),
      );
    }
  });

  it.each([
    // Exact ties at the 41st digit, either parity, and just past a tie.
    ['1234567890123456789012345678901234567895', '10', 'dividedBy'],
    ['1234567890123456789012345678901234567885', '10', 'dividedBy'],
    ['2469135780246913578024691357802469135771', '2', 'dividedBy'],
    // A quotient of …890.500 and a third: past the tie only by its remainder.
    ['3703703670370370367037037036703703703671501', '3', 'dividedBy'],
    ['99999999999999999999999999999999999999995', '1', 'times'],
    ['12345678901234567890.12345678901234567890125', '1', 'times'],
    ['0.125', '1', 'times'],
    ['-0.004', '1', 'times'],
    ['1', '3', 'dividedBy'],
    ['2', '3', 'dividedBy'],
    ['40', '1.0000', 'dividedBy'],
  ])('should give decimal.js results on %s and %s (%s)', (a, b, op) => {
    const [x, y] = [parseDecimal(a), parseDecimal(b)];
    const mine = op === 'times' ? times(x, y) : dividedBy(x, y);
    const theirs = op === 'times' ? new ExactDecimal(a).times(b) : new ExactDecimal(a).dividedBy(b);
    same(mine, theirs);
  });

  it('should print cents as decimal.js toFixed() prints them', () => {
    for (const [v, cents] of [
      ['0.125', '0.12'],
      ['0.135', '0.14'],
      ['2.50', '2.5'],
      ['100', '100'],
      ['0', '0'],
      ['0.001', '0'],
      ['-1.005', '-1'],
      ['12345678901234567890.995', '12345678901234567891'],
    ]) {
      expect(toCentsString(parseDecimal(v))).toBe(cents);
      expect(toCents(new ExactDecimal(v))).toBe(cents);
    }
  });

  it('should refuse what is not a plain decimal', () => {
    for (const s of ['1e5', '', '.5', '1.', '+1', 'NaN']) expect(() => parseDecimal(s)).toThrow(TypeError);
  });
});
