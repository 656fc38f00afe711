import {
  addMoney,
  compareMoney,
  isCurrencyCode,
  isMoneyValue,
  MONEY_VALUE_PATTERN,
  normalizeMoney,
} from '../../src/common/money';

describe('isMoneyValue', () => {
  it.each(['0', '0.5', '0.50', '40000000000', '40000000000.00', '12.3', '999999999999999999.99'])(
    'accepts %s',
    (value) => expect(isMoneyValue(value)).toBe(true),
  );

  it.each([
    ['a negative amount', '-1'],
    ['a leading plus', '+1'],
    ['leading zeros', '007'],
    ['leading zeros before a fraction', '00.5'],
    ['an exponent', '4e10'],
    ['three fractional digits', '1.005'],
    ['a bare point', '1.'],
    ['a missing integer part', '.5'],
    ['19 integer digits', '1000000000000000000'],
    ['a thousands separator', '40,000'],
    ['a trailing newline', '1\n'],
    ['surrounding spaces', ' 1 '],
    ['non-ASCII digits', '١٢'],
    ['an empty string', ''],
  ])('rejects %s (%j)', (_why, value) => expect(isMoneyValue(value)).toBe(false));

  it('rejects non-strings, including numbers', () => {
    expect(isMoneyValue(40000000000)).toBe(false);
    expect(isMoneyValue(null)).toBe(false);
    expect(isMoneyValue(undefined)).toBe(false);
  });

  it('exposes the same rule as a pattern for validators', () => {
    expect(MONEY_VALUE_PATTERN.test('40000000000')).toBe(true);
    expect(MONEY_VALUE_PATTERN.test('007')).toBe(false);
  });
});

describe('isCurrencyCode', () => {
  it('accepts ISO 4217 codes in use', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('UAH')).toBe(true);
  });

  it('rejects lower case, unknown codes and non-strings', () => {
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(isCurrencyCode('EURO')).toBe(false);
    expect(isCurrencyCode(978)).toBe(false);
  });
});

describe('addMoney', () => {
  it('adds exactly where floats would not', () => {
    expect(addMoney('0.1', '0.2')).toBe('0.3');
  });

  it('adds amounts with 18 integer digits without losing cents', () => {
    expect(addMoney('999999999999999999.98', '0.01')).toBe('999999999999999999.99');
  });

  it('throws when the sum no longer fits numeric(20,2)', () => {
    expect(() => addMoney('999999999999999999.99', '0.01')).toThrow(RangeError);
  });

  it('throws on an operand that is not a money value', () => {
    expect(() => addMoney('1e3', '1')).toThrow(TypeError);
    expect(() => addMoney('1', '-1')).toThrow(TypeError);
  });
});

describe('compareMoney', () => {
  it('compares by value, not by spelling', () => {
    expect(compareMoney('40000000000', '40000000000.00')).toBe(0);
    expect(compareMoney('9.5', '10')).toBe(-1);
    expect(compareMoney('100000000000000000.01', '100000000000000000')).toBe(1);
  });
});

describe('normalizeMoney', () => {
  it('removes the padding Postgres adds to numeric(20,2)', () => {
    expect(normalizeMoney('40000000000.00')).toBe('40000000000');
    expect(normalizeMoney('12.50')).toBe('12.5');
    expect(normalizeMoney('0.00')).toBe('0');
  });

  it('leaves a canonical value unchanged', () => {
    expect(normalizeMoney('999999999999999999.99')).toBe('999999999999999999.99');
    expect(normalizeMoney('0.05')).toBe('0.05');
  });

  it('throws on a value that is not money', () => {
    expect(() => normalizeMoney('12.345')).toThrow(TypeError);
  });
});
