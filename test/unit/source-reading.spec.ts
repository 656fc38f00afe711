import { decodeHtml } from '../../src/sources/extraction/decode-html';
import { extractDocument } from '../../src/sources/extraction/extract-document';
import { instant, languageTag } from '../../src/sources/extraction/page-metadata';
import { pageAt } from '../../src/sources/pages';

const bytes = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding);

describe('reading a fetched page', () => {
  it('should decode by the header charset, then the meta charset, then UTF-8, then Windows-1252', () => {
    const latin1 = bytes('<p>Écologie à Toulouse</p>', 'latin1');
    expect(decodeHtml(latin1, 'text/html; charset=ISO-8859-1')).toBe('<p>Écologie à Toulouse</p>');
    expect(
      decodeHtml(Buffer.concat([bytes('<meta charset="windows-1252">'), latin1]), 'text/html'),
    ).toContain('Écologie');
    expect(decodeHtml(bytes('<p>Écologie</p>'), 'text/html')).toBe('<p>Écologie</p>');
    expect(decodeHtml(latin1, 'text/html')).toBe('<p>Écologie à Toulouse</p>');
    expect(decodeHtml(Buffer.from([0x80]), 'text/html')).toBe('€'); // what browsers read as "Latin-1"
  });

  it('should ignore an unknown charset label and guess instead', () => {
    expect(decodeHtml(bytes('<p>déjà</p>'), 'text/html; charset=x-unheard-of')).toBe('<p>déjà</p>');
  });

  it('should turn dates into UTC instants and tags into primary subtags, or null', () => {
    expect(instant('2024-03-20T14:05:00-04:00')).toBe('2024-03-20T18:05:00.000Z');
    expect(instant('le 20 mars')).toBeNull();
    expect(languageTag('fr_CA')).toBe('fr');
    expect(languageTag('EN-gb')).toBe('en');
    expect(languageTag('français')).toBeNull();
  });

  it('should refuse what is neither HTML nor PDF, and sniff untyped bytes', async () => {
    expect(
      await extractDocument({ bytes: bytes('a,b\n1,2'), contentType: 'text/csv', url: 'https://x.example/' }),
    ).toEqual({
      ok: false,
      reason: 'not_html_or_pdf',
      detail: 'text/csv is neither HTML nor PDF',
    });
    const html = `<!doctype html><html lang="en"><head><title>T</title></head><body><article><p>${'The council approved the budget. '.repeat(20)}</p></article></body></html>`;
    const read = await extractDocument({ bytes: bytes(html), contentType: '', url: 'https://x.example/' });
    expect(read).toMatchObject({ ok: true, document: { mediaType: 'text/html', language: 'en' } });
  });

  it('should detect the language of a page that names none', async () => {
    const html = `<html><body><article><p>${'Le conseil municipal a voté le budget de la ville pour l’année prochaine. '.repeat(8)}</p></article></body></html>`;
    const read = await extractDocument({
      bytes: bytes(html),
      contentType: 'text/html',
      url: 'https://x.example/',
    });
    expect(read).toMatchObject({ ok: true, document: { language: 'fr' } });
  });
});

describe('pages of a text', () => {
  it('should count the form feeds before a code-point offset', () => {
    const text = 'page one\fpage two\f🙂 three';
    expect(pageAt(text, 0)).toBe(1);
    expect(pageAt(text, 8)).toBe(1); // the form feed itself ends page one
    expect(pageAt(text, 9)).toBe(2);
    expect(pageAt(text, [...'page one\fpage two\f🙂 '].length)).toBe(3);
  });

  it('should give no page in a text without form feeds', () => {
    expect(pageAt('one long page', 5)).toBeUndefined();
  });
});
