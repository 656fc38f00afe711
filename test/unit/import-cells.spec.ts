import {
  parseAmount,
  parseDate,
  parseStatus,
  plainNumber,
  slashDateOrder,
  STATUS_WORDS,
  unitIn,
} from '../../src/imports/cells';
import { guessMapping } from '../../src/imports/guess';
import { decodeText, detectDelimiter } from '../../src/imports/read-sheet';

const plain = { header: { multiplier: '1' }, decimalComma: false };

describe('reading a spreadsheet cell', () => {
  describe('amounts', () => {
    it('should scale by the header’s unit and keep every digit (no float)', () => {
      const header = unitIn('Value (EUR m)');
      expect(header).toEqual({ currency: 'EUR', multiplier: '1000000' });
      expect(parseAmount('1250.5', { header, decimalComma: false })).toEqual({
        value: { value: '1250500000', currency: 'EUR' },
      });
      expect(parseAmount('0.1', { header: unitIn('USD bn'), decimalComma: false })).toEqual({
        value: { value: '100000000', currency: 'USD' },
      });
    });

    it('should read the cell’s own currency and scale', () => {
      expect(parseAmount('EUR 40 bn', plain)).toEqual({ value: { value: '40000000000', currency: 'EUR' } });
      expect(parseAmount('€2.5bn', plain)).toEqual({ value: { value: '2500000000', currency: 'EUR' } });
      expect(parseAmount('3 million', { ...plain, unitMultiplier: '1' })).toEqual({
        value: { value: '3000000', currency: undefined },
      });
    });

    it('should read decimal commas in a semicolon sheet and thousands commas in a comma sheet', () => {
      expect(plainNumber('1,5', true)).toBe('1.5');
      expect(plainNumber('1,500', true)).toBe('1.500');
      expect(plainNumber('1,500', false)).toBe('1500');
      expect(plainNumber('1.250,75', true)).toBe('1250.75');
      expect(plainNumber('1,250.75', false)).toBe('1250.75');
      expect(plainNumber('2 000 000', false)).toBe('2000000');
      expect(plainNumber('1.500.000', true)).toBe('1500000');
    });

    it('should refuse what is not an amount, with the reason', () => {
      expect(plainNumber('15.00.000', true)).toBeNull();
      expect(parseAmount('twelve', plain)).toEqual({ error: '"twelve" is not a number' });
      expect(parseAmount('-5', plain)).toEqual({ error: expect.stringContaining('negative') });
      expect(parseAmount('0.001', plain)).toEqual({ error: expect.stringContaining('2 decimals') });
      expect(parseAmount('1234567890123456789', plain)).toEqual({
        error: expect.stringContaining('18 integer digits'),
      });
    });

    it('should take XLSX numbers as the spreadsheet holds them', () => {
      expect(parseAmount(0.25, { header: unitIn('EUR bn'), decimalComma: true })).toEqual({
        value: { value: '250000000', currency: 'EUR' },
      });
    });
  });

  describe('dates', () => {
    it('should read ISO dates, dotted dates day first, and Excel serial numbers', () => {
      expect(parseDate('2024-06-13', undefined)).toEqual({ value: '2024-06-13' });
      expect(parseDate('13.06.2024', undefined)).toEqual({ value: '2024-06-13' });
      expect(parseDate(45456, undefined)).toEqual({ value: '2024-06-13' });
    });

    it('should read slash dates in the order their column settles, and refuse them when it does not', () => {
      expect(slashDateOrder(['13/06/2024', '01/02/2024'])).toBe('dmy');
      expect(slashDateOrder(['06/13/2024'])).toBe('mdy');
      expect(slashDateOrder(['01/02/2024', '03/04/2024'])).toBeUndefined();
      expect(slashDateOrder(['13/06/2024', '06/13/2024'])).toBeUndefined();
      expect(parseDate('01/02/2024', 'dmy')).toEqual({ value: '2024-02-01' });
      expect(parseDate('01/02/2024', 'mdy')).toEqual({ value: '2024-01-02' });
      expect(parseDate('01/02/2024', undefined)).toEqual({ error: expect.stringContaining('dateOrder') });
    });

    it('should refuse days that are not in the calendar', () => {
      expect(parseDate('31/02/2024', 'dmy')).toEqual({ error: '"31/02/2024" is not a calendar day' });
      expect(parseDate('2023-02-29', undefined)).toEqual({ error: expect.stringContaining('calendar day') });
      expect(parseDate('June 2024', undefined)).toEqual({ error: expect.stringContaining('not a date') });
    });
  });

  it('should read a tracker’s status words and status codes as written', () => {
    expect(parseStatus('Promise Kept', STATUS_WORDS)).toEqual({ value: 'fulfilled' });
    expect(parseStatus('  compromise ', STATUS_WORDS)).toEqual({ value: 'partially_fulfilled' });
    expect(parseStatus('In progress', STATUS_WORDS)).toEqual({ value: 'in_progress' });
    expect(parseStatus('Rompue', STATUS_WORDS)).toEqual({ value: 'broken' });
    expect(parseStatus('Maybe', STATUS_WORDS)).toEqual({ error: '"Maybe" is not a known status word' });
  });

  it('should tell the encoding and the delimiter of a CSV', () => {
    expect(decodeText(Buffer.from('\uFEFFDonor;Valeur', 'utf8'))).toBe('Donor;Valeur');
    expect(decodeText(Buffer.from('Hélène', 'latin1'))).toBe('Hélène');
    expect(decodeText(Buffer.from('Hélène', 'utf8'))).toBe('Hélène');
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
  });

  it('should guess a first mapping from the headers', () => {
    expect(guessMapping(['Promise', 'Politician', 'Status', 'Date', 'Source', 'Quote'])).toEqual({
      title: 'Promise',
      actor: 'Politician',
      status: 'Status',
      date: 'Date',
      sourceUrl: 'Source',
      quote: 'Quote',
    });
  });
});
