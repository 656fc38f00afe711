import { AmountRow, convertRows } from '../../src/stats/conversion';

const row = (key: string | null, currency: string, pledged: string): AmountRow => ({
  key,
  currency,
  pledged,
  pledgedMax: pledged,
  committed: '0',
  allocated: '0',
  delivered: '0',
});
const rates = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('currency conversion', () => {
  it('should add currencies per key only after converting each through EUR', () => {
    const { data, unconverted } = convertRows(
      [row(null, 'EUR', '100'), row(null, 'USD', '40'), row(null, 'GBP', '100')],
      { to: 'USD', rateDate: 'latest', perEur: rates({ USD: '2', GBP: '0.8' }) },
    );
    // 100 × 2 + 40 + 100 × 2 / 0.8
    expect(data).toEqual([expect.objectContaining({ key: null, currency: 'USD', pledged: '490' })]);
    expect(unconverted).toEqual([]);
  });

  it.each([
    ['0.125', '0.12'],
    ['0.135', '0.14'],
    ['0.145', '0.14'],
    ['2.5', '2.5'],
    ['1.005', '1'],
  ])('should round %s to the cent half to even: %s', (eurValue, cents) => {
    const { data } = convertRows([row(null, 'EUR', eurValue)], {
      to: 'EUR',
      rateDate: 'latest',
      perEur: rates({}),
    });
    expect(data[0].pledged).toBe(cents);
  });

  it('should round once, after adding, not each currency on its own', () => {
    // $1 / 3 = 0.333… and £1 / 3 = 0.333…: 0.67 summed exactly, 0.66 if each were rounded first.
    const { data } = convertRows([row(null, 'USD', '1'), row(null, 'GBP', '1')], {
      to: 'EUR',
      rateDate: '2025-01-01',
      perEur: rates({ USD: '3', GBP: '3' }),
    });
    expect(data[0].pledged).toBe('0.67');
  });

  it('should leave a currency without a rate out of the sums and report it', () => {
    const { data, unconverted } = convertRows([row('a', 'EUR', '10'), row('a', 'JPY', '1000')], {
      to: 'EUR',
      rateDate: 'latest',
      perEur: rates({}),
    });
    expect(data).toEqual([expect.objectContaining({ key: 'a', pledged: '10' })]);
    expect(unconverted).toEqual(['JPY']);
  });

  it('should add rows already in EUR (origin-day rates) as they are with announced', () => {
    const { data } = convertRows([row(null, 'USD', '32'), row(null, 'EUR', '5')], {
      to: 'EUR',
      rateDate: 'announced',
    });
    expect(data[0].pledged).toBe('37');
  });
});
