import { periodDays } from '../../src/common/periods';
import { moneyViolations, MoneyShape } from '../../src/items/money-rules';

const paths = (item: MoneyShape) => moneyViolations(item).map((v) => `${v.path}:${v.spec.code}`);
const eur = (value: string, extra: Record<string, string> = {}) => ({ value, currency: 'EUR', ...extra });
const annual = (entries: [string, string, string?][], extra: Partial<MoneyShape> = {}): MoneyShape => ({
  recurrence: 'annual',
  schedule: entries.map(([period, value, currency = 'EUR']) => ({ period, amount: { value, currency } })),
  ...extra,
});

describe('money rules', () => {
  it('should accept a range whose valueMax is above value', () => {
    expect(paths({ amount: eur('2.5', { valueMax: '3', qualifier: 'between' }) })).toEqual([]);
  });

  it.each([
    [eur('3', { valueMax: '3', qualifier: 'between' }), 'equal bounds'],
    [eur('3', { valueMax: '2.99', qualifier: 'between' }), 'valueMax below value'],
    [eur('3', { qualifier: 'between' }), 'no valueMax'],
    [eur('3', { valueMax: '4', qualifier: 'up_to' }), 'valueMax without between'],
  ])('should refuse %j (%s) at amount.valueMax', (amount) => {
    expect(paths({ amount })).toEqual(['amount.valueMax:ITEM.INVALID_MONEY']);
  });

  it('should accept a schedule of distinct periods of the recurrence, in one currency, inside the pledge period', () => {
    expect(
      paths(
        annual(
          [
            ['2024', '1'],
            ['2025', '2'],
          ],
          { periodStart: '2024-06-13', periodEnd: '2025-01-31' },
        ),
      ),
    ).toEqual([]);
  });

  it('should name every broken entry of a schedule', () => {
    expect(
      paths(
        annual(
          [
            ['2024', '1'],
            ['2025', '2', 'USD'],
            ['2024', '3'],
            ['2027', '4'],
            ['2025-Q1', '5'],
          ],
          { periodStart: '2024-01-01', periodEnd: '2026-12-31' },
        ),
      ),
    ).toEqual([
      'schedule.1.amount.currency:ITEM.INVALID_MONEY',
      'schedule.2.period:ITEM.INVALID_MONEY',
      'schedule.3.period:ITEM.INVALID_MONEY',
      'schedule.4.period:ITEM.INVALID_MONEY',
    ]);
  });

  it('should refuse a schedule next to an amount, and one without a recurring recurrence', () => {
    expect(paths({ ...annual([['2024', '1']]), amount: eur('1') })).toEqual(['schedule:ITEM.INVALID_MONEY']);
    expect(paths(annual([['2024', '1']], { recurrence: 'once' }))).toEqual(['recurrence:ITEM.INVALID_MONEY']);
  });
});

describe('calendar periods', () => {
  it.each([
    ['2024', '2024-01-01', '2024-12-31'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-Q4', '2024-10-01', '2024-12-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02-01', '2023-02-28'],
  ])('%s runs from %s to %s', (period, first, last) => {
    expect(periodDays(period)).toEqual({ first, last });
  });
});
