import iconv from 'iconv-lite';

/** Labels browsers read as Windows-1252 (WHATWG Encoding): its superset, with € and curly quotes. */
const AS_WINDOWS_1252 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp819']);

/**
 * The characters of an HTML page: the charset of the Content-Type header, else of a `<meta>` in
 * the first 2 KB, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what browsers
 * read a Latin-1 page without a charset as). iconv-lite decodes, because Node's TextDecoder reads
 * "windows-1252" as ISO-8859-1 (0x80–0x9F become control characters instead of € ’ “ ”).
 */
export function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = charsetOf(contentType) ?? metaCharset(buffer);
  if (declared) {
    const label = AS_WINDOWS_1252.has(declared.toLowerCase()) ? 'windows-1252' : declared;
    if (iconv.encodingExists(label)) return iconv.decode(buffer, label);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'windows-1252');
  }
}

function charsetOf(contentType: string): string | null {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
}

function metaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 2048).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
}
