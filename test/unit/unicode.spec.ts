import { hasUncarriable, uncarriableStrings, xmlSafe } from '../../src/common/text/unicode';

describe('text that cannot be carried', () => {
  it('finds every Unicode non-character and lone surrogate, and nothing else', () => {
    const planes = Array.from({ length: 17 }, (_, p) => [p * 0x10000 + 0xfffe, p * 0x10000 + 0xffff]).flat();
    const bad = [...planes, 0xfdd0, 0xfdef].map((cp) => String.fromCodePoint(cp));
    for (const s of [...bad, '\uD800', 'a\uDBFF', '\uDC00b', '\uDFFF\uD800'])
      expect(hasUncarriable(`x${s}y`)).toBe(true);
    for (const s of ['', 'plain', '\uFDCF\uFDF0\uFFFD', '🇺🇦', '\u{10FFFD}', 'e\u0301', '\u0000'])
      expect(hasUncarriable(s)).toBe(false);
  });

  it('names the path of each string that holds one', () => {
    const body = { title: 'ok', citations: [{ quote: 'a' }, { quote: 'b\uFFFF' }], tags: ['\uD800'], n: 1 };
    expect(uncarriableStrings(body)).toEqual(['citations.1.quote', 'tags.0']);
  });

  it('puts U+FFFD where XML 1.0 has no character, keeping tabs, newlines and astral characters', () => {
    expect(xmlSafe('a\uFFFFb\uFFFE\u0001\u0000\uD800\t\n\r🇺🇦\u0085\u{1FFFE}')).toBe(
      'a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFD\t\n\r🇺🇦\u0085\u{1FFFE}',
    );
    expect(xmlSafe('\u0008\u000b\u000c\u001f\u007f')).toBe('\uFFFD\uFFFD\uFFFD\uFFFD\u007f');
  });
});
