import { decimalPlaces } from '../../src/common/decimals';
import { parseEcbCsv, parseRatesJson } from '../../src/fx-rates/fx-rates.parse';

describe('the ECB CSV', () => {
  it('should read the history format: a trailing comma, N/A and blank cells skipped, former currencies kept', () => {
    const { rates, violations } = parseEcbCsv(
      '\uFEFFDate,USD,EEK,GBP,\r\n2009-06-19,1.3932,15.6466,N/A,\r\n2009-06-18,1.3913,,0.84,\r\n',
    );
    expect(violations).toEqual([]);
    expect(rates).toEqual([
      { date: '2009-06-19', currency: 'USD', perEur: '1.3932' },
      { date: '2009-06-19', currency: 'EEK', perEur: '15.6466' },
      { date: '2009-06-18', currency: 'USD', perEur: '1.3913' },
      { date: '2009-06-18', currency: 'GBP', perEur: '0.84' },
    ]);
  });

  it('should read the daily file, with spaces after commas and long dates', () => {
    expect(parseEcbCsv('Date, USD, JPY\n13 June 2024, 1.0765, 169.21\n').rates).toEqual([
      { date: '2024-06-13', currency: 'USD', perEur: '1.0765' },
      { date: '2024-06-13', currency: 'JPY', perEur: '169.21' },
    ]);
  });

  it('should name the line and column of every bad cell', () => {
    const { violations } = parseEcbCsv('Date,USD,XXY,EUR\n2024-02-30,1\n2024-03-01,0,1\n2024-03-01,1\n');
    expect(violations.map((v) => `${v.path}: ${v.message}`)).toEqual([
      'line 1, column 3 (XXY): "XXY" is not an ISO 4217 currency code other than EUR',
      'line 1, column 4 (EUR): "EUR" is not an ISO 4217 currency code other than EUR',
      'line 2, column 1 (Date): "2024-02-30" is not a date (YYYY-MM-DD or "13 June 2024") in the years 1900–2200',
      'line 3, column 2 (USD): "0" is not a rate (a positive decimal, units per EUR)',
      'line 4, column 1 (Date): 2024-03-01 is listed twice',
    ]);
  });

  it('should refuse a currency column that comes twice, and dates past 2200', () => {
    const { violations } = parseEcbCsv('Date,USD,GBP,USD\n2201-01-01,1,1,1\n');
    expect(violations.map((v) => v.path)).toEqual(['line 1, column 4 (USD)', 'line 2, column 1 (Date)']);
  });
});

describe('decimal places', () => {
  it.each([
    [1e-9, 9],
    [1.25e-7, 9],
    [42.5, 1],
    [1e21, 0],
    [100, 0],
  ])('should count %p as %p decimals', (value, places) => expect(decimalPlaces(value)).toBe(places));
});

describe('rates as JSON', () => {
  it('should take decimal strings and JSON numbers as written', () => {
    expect(
      parseRatesJson([
        { date: '2024-06-13', currency: 'USD', perEur: '1.0765' },
        { date: '2024-06-13', currency: 'GBP', perEur: 0.8454 },
      ]),
    ).toEqual({
      rates: [
        { date: '2024-06-13', currency: 'USD', perEur: '1.0765' },
        { date: '2024-06-13', currency: 'GBP', perEur: '0.8454' },
      ],
      violations: [],
    });
  });

  it('should refuse a body that is not an array, and duplicates', () => {
    expect(parseRatesJson({}).violations.map((v) => v.path)).toEqual(['']);
    const twice = { date: '2024-06-13', currency: 'USD', perEur: '1' };
    expect(parseRatesJson([twice, twice]).violations.map((v) => v.path)).toEqual(['1']);
  });
});
