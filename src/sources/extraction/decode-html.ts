/**
 * The characters of an HTML page: the charset of the Content-Type header, else of a `<meta>` in
 * the first 2 KB, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what browsers
 * read a Latin-1 page without a charset as). TextDecoder knows every WHATWG encoding label.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const declared = charsetOf(contentType) ?? metaCharset(bytes);
  if (declared) {
    const decoder = decoderFor(declared);
    if (decoder) return decoder.decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function charsetOf(contentType: string): string | null {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch {
    return null; // an unknown label: guess as if none was given
  }
}
