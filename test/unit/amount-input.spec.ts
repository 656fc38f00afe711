import { parseAmountInput, proposeCurrency } from '../../web/amount-input';

describe('amount input (web/amount-input.ts)', () => {
  it.each([
    ['2 000 000 000', 'fr-FR'],
    ['2\u202f000\u202f000\u202f000', 'fr-FR'],
    ['2,000,000,000', 'en-GB'],
    ['2,000,000,000', 'fr-FR'],
    ['2.000.000.000', 'fr-FR'],
    ['2000000000', 'en-GB'],
    ['2 Md', 'fr-FR'],
    ['2 Md€', 'fr-FR'],
    ['2 milliards d’euros', 'fr-FR'],
    ['2bn', 'en-GB'],
    ['€2bn', 'en-GB'],
    ['2 billion', 'en-GB'],
    ['2000 M', 'en-GB'],
  ])('should read %j in %s as two billion', (text, locale) => {
    expect(parseAmountInput(text, locale)).toBe('2000000000');
  });

  it('should read decimal marks with a scale word, in either language', () => {
    expect(parseAmountInput('1,5 milliard', 'fr-FR')).toBe('1500000000');
    expect(parseAmountInput('1.5bn', 'en-GB')).toBe('1500000000');
    expect(parseAmountInput('0,25 M', 'fr-FR')).toBe('250000');
    expect(parseAmountInput('2.345 Md', 'fr-FR')).toBe('2345000000');
  });

  it('should keep cents exactly, without floating point', () => {
    expect(parseAmountInput('1 234,56', 'fr-FR')).toBe('1234.56');
    expect(parseAmountInput('1,234.56', 'en-GB')).toBe('1234.56');
    expect(parseAmountInput('9 007 199 254 740 993', 'fr-FR')).toBe('9007199254740993');
    expect(parseAmountInput('0.1', 'en-GB')).toBe('0.1');
  });

  it('should read a lone separator before three digits as the locale reads it', () => {
    expect(parseAmountInput('2,000', 'en-GB')).toBe('2000');
    expect(parseAmountInput('2,000', 'fr-FR')).toBe('2');
    expect(parseAmountInput('2.000', 'fr-FR')).toBe('2000');
  });

  it('should give billion its meaning in each language', () => {
    expect(parseAmountInput('1 billion', 'en-GB')).toBe('1000000000');
    expect(parseAmountInput('1 billion', 'fr-FR')).toBe('1000000000000');
  });

  it.each(['', 'abc', '-5', '2 000 00', '1,00,000', '2 zillion', '1.2.3,4,5', '2..5', '12 34'])(
    'should refuse %j',
    (text) => {
      expect(parseAmountInput(text, 'en-GB')).toBeNull();
      expect(parseAmountInput(text, 'fr-FR')).toBeNull();
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
