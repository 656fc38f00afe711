import { lsnValue } from '../../src/database/read-replica';

describe('WAL positions (read-your-writes)', () => {
  it('should order positions by their high then low half, as PostgreSQL does', () => {
    expect(lsnValue('0/16B3748') < lsnValue('0/16B3750')).toBe(true);
    expect(lsnValue('0/FFFFFFFF') < lsnValue('1/0')).toBe(true);
    expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnValue('a/1')).toBe(lsnValue('A/1'));
  });
});
