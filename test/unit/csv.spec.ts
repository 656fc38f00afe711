import { csvCell, csvLine } from '../../src/items/csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('should quote %j per RFC 4180 as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('should defuse the formula %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('should leave formulas as stored when the guard is off, and still quote', () => {
    expect(csvCell('=1+1', false)).toBe('=1+1');
    expect(csvCell('-2,5', false)).toBe('"-2,5"');
    expect(csvLine(['@x', '+1'], false)).toBe('@x,+1\r\n');
  });

  it('should leave numbers and empty values alone', () => {
    expect([csvCell(3), csvCell(null), csvCell(undefined)]).toEqual(['3', '', '']);
  });

  it('should end each record with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});
