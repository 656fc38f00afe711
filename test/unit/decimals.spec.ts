import { isNumber } from 'class-validator';
import { decimalPlaces } from '../../src/common/decimals';

/**
 * Why `decimalPlaces` is kept although class-validator's `maxDecimalPlaces` is about twice as fast
 * (docs/performance.md): JavaScript writes small numbers in exponent notation, and class-validator
 * counts only the characters after a dot. If these expectations about class-validator start to
 * fail, it has been fixed and `HasAtMostDecimals` can become `@IsNumber({ maxDecimalPlaces })`.
 */
describe('decimal places of a JSON number', () => {
  it('should count the decimals of numbers JavaScript writes in exponent notation', () => {
    expect(String(1e-9)).toBe('1e-9');
    expect(decimalPlaces(1e-9)).toBe(9);
    expect(String(1.5e-7)).toBe('1.5e-7');
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(1e21)).toBe(0);
  });

  it('should count plain decimals as they are written', () => {
    expect([40, 12.5, 0.01, 1234.56, 99.999, -0.25].map(decimalPlaces)).toEqual([0, 1, 2, 2, 3, 2]);
  });

  it("should show class-validator's maxDecimalPlaces throwing where ours answers", () => {
    expect(() => isNumber(1e-9, { maxDecimalPlaces: 2 })).toThrow(TypeError);
    expect(decimalPlaces(1e-9) <= 2).toBe(false);
  });

  it("should show class-validator's maxDecimalPlaces accepting 8 decimals as 4", () => {
    // "1.5e-7".split('.')[1] is "5e-7": four characters, so 0.00000015 passes a 4-decimal rule.
    expect(isNumber(1.5e-7, { maxDecimalPlaces: 4 })).toBe(true);
    expect(decimalPlaces(1.5e-7) <= 4).toBe(false);
  });
});
