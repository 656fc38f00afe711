import { ValidateBy } from 'class-validator';

/**
 * Decimal places of a finite number as JavaScript writes it, exponent notation included:
 * `1e-9` has 9, `1.25e-7` has 9, `1e21` has 0. class-validator's `maxDecimalPlaces` reads only
 * the digits after a dot and throws on `1e-9` (issue 22, finding 3), so every number field with a
 * decimals rule uses this instead.
 */
export function decimalPlaces(value: number): number {
  const [digits, exponent = '0'] = String(value).toLowerCase().split('e');
  const fraction = digits.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** A finite JSON number with at most `max` decimals (422 naming the field otherwise). */
export const HasAtMostDecimals = (max: number) =>
  ValidateBy({
    name: 'hasAtMostDecimals',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= max,
      defaultMessage: () => `$property must be a number with at most ${max} decimals`,
    },
  });
