import { parseAmount, proposeCurrency } from '../../web/amount-input';

describe('amounts as researchers type them', () => {
  it.each([
    ['2 000 000 000', '2000000000'],
    ['2\u202f000\u202f000\u202f000', '2000000000'],
    ['2,000,000,000', '2000000000'],
    ['2.000.000.000', '2000000000'],
    ['2000000000', '2000000000'],
    ['2 Md', '2000000000'],
    ['2 Md€', '2000000000'],
    ['2,5 Md', '2500000000'],
    ['2bn', '2000000000'],
    ['€1.5 billion', '1500000000'],
    ['$50bn', '50000000000'],
    ['40 milliards d’euros', '40000000000'],
    ['EUR 40 billion', '40000000000'],
    ['450 millions', '450000000'],
    ['3m', '3000000'],
    ['1,500', '1500'],
    ['1.234', '1234'],
    ['1 234,56', '1234.56'],
    ['2,000.50', '2000.5'],
    ['2.000,50', '2000.5'],
  ])('should read %s as %s', (typed, value) => {
    expect(parseAmount(typed)).toBe(value);
  });

  it.each(['', 'abc', '2 apples', '2,5,5', '1.2.3,4,5', '0', '0,001', '1,5.3', '2,', '1e9', '-5'])(
    'should refuse %p',
    (typed) => {
      expect(parseAmount(typed)).toBeNull();
    },
  );
});

describe('the currency proposed from a passage', () => {
  it.each([
    ['Washington pledged $50bn in aid', 'en', 'USD'],
    ['au moins 40 milliards d’euros', 'fr', 'EUR'],
    ['a £3 billion package', 'en', 'GBP'],
    ['EUR 40 billion a year', 'en', 'EUR'],
    ['2 milliards pour la défense', 'fr', 'EUR'],
    ['two billion for defence', 'en', ''],
  ])('should read %p (%s) as %p', (text, language, currency) => {
    expect(proposeCurrency(text, language)).toBe(currency);
  });
});
