import { canonicalizeUrl } from '../../src/sources/canonical-url';

describe('canonicalizeUrl', () => {
  it('lower-cases scheme and host but not the path', () => {
    expect(canonicalizeUrl('HTTPS://WWW.Nato.INT/Cps/FR/Natohq')).toBe('https://www.nato.int/Cps/FR/Natohq');
  });

  it('drops the fragment', () => {
    expect(canonicalizeUrl('https://example.org/a#section-2')).toBe('https://example.org/a');
  });

  it('drops utm_* parameters whatever their case and keeps the others in order', () => {
    expect(
      canonicalizeUrl('https://example.org/a?b=2&utm_source=x&a=1&UTM_Medium=y&Utm_campaign=z&c=3'),
    ).toBe('https://example.org/a?b=2&a=1&c=3');
  });

  it('drops a percent-encoded utm_ parameter name', () => {
    expect(canonicalizeUrl('https://example.org/a?utm%5Fsource=x&id=7')).toBe('https://example.org/a?id=7');
  });

  it('keeps parameters that only contain "utm" elsewhere in their name', () => {
    expect(canonicalizeUrl('https://example.org/?autm_x=1&utm=2')).toBe(
      'https://example.org/?autm_x=1&utm=2',
    );
  });

  it('removes the "?" when no parameters remain', () => {
    expect(canonicalizeUrl('https://example.org/a?utm_source=x&utm_medium=y')).toBe('https://example.org/a');
    expect(canonicalizeUrl('https://example.org/a?')).toBe('https://example.org/a');
  });

  it('keeps the encoding of the parameters it keeps', () => {
    expect(canonicalizeUrl('https://example.org/s?q=a%20b&r=c+d&utm_term=x')).toBe(
      'https://example.org/s?q=a%20b&r=c+d',
    );
  });

  it('drops default ports and keeps other ports', () => {
    expect(canonicalizeUrl('http://example.org:80/a')).toBe('http://example.org/a');
    expect(canonicalizeUrl('https://example.org:443/a')).toBe('https://example.org/a');
    expect(canonicalizeUrl('https://example.org:8443/a')).toBe('https://example.org:8443/a');
  });

  it('gives the same canonical URL for two spellings of one article', () => {
    const a = canonicalizeUrl('HTTPS://www.Example.org:443/news/otan?id=5&utm_source=twitter#top');
    const b = canonicalizeUrl('https://www.example.org/news/otan?id=5');
    expect(a).toBe(b);
  });

  it('returns null for relative, malformed and non-http(s) URLs', () => {
    expect(canonicalizeUrl('/news/otan')).toBeNull();
    expect(canonicalizeUrl('www.example.org/news')).toBeNull();
    expect(canonicalizeUrl('https://')).toBeNull();
    expect(canonicalizeUrl('')).toBeNull();
    expect(canonicalizeUrl('ftp://example.org/file')).toBeNull();
    expect(canonicalizeUrl('mailto:press@example.org')).toBeNull();
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
  });
});
