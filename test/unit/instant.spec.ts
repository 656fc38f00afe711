import { parseInstant } from '../../src/common/instant';

describe('parseInstant, the one rule for every instant', () => {
  it('should read timestamps with Z or an offset, and dates as midnight UTC', () => {
    expect(parseInstant('2024-06-13T09:00:00Z')?.toISOString()).toBe('2024-06-13T09:00:00.000Z');
    expect(parseInstant('2024-06-13T11:00:00+02:00')?.toISOString()).toBe('2024-06-13T09:00:00.000Z');
    expect(parseInstant('2024-06-13')?.toISOString()).toBe('2024-06-13T00:00:00.000Z');
  });

  it.each([
    ['a timestamp without a zone', '2024-06-13T09:00:00'],
    ['a week date', '2024-W24'],
    ['a week date with a day', '2024-W24-4'],
    ['an ordinal date', '2024-165'],
    ['a year before 1900', '0100-01-01'],
    ['a year after 2200', '9999-12-31T00:00:00Z'],
    ['an impossible date', '2024-02-30'],
    ['not a string', 20240613],
  ])('should refuse %s', (_, value) => {
    expect(parseInstant(value)).toBeNull();
  });

  it('should accept the bounds of the plausible years', () => {
    expect(parseInstant('1900-01-01')).not.toBeNull();
    expect(parseInstant('2200-12-31T23:59:59Z')).not.toBeNull();
  });
});
