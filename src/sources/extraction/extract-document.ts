import { franc } from 'franc-min';
import { extractHtml } from './extract-html';
import { extractPdf } from './extract-pdf';
import type { ExtractedDocument } from './extracted-document';

export type { ExtractedDocument };

export type DocumentInput = { bytes: Uint8Array; contentType: string; url: string };
export type Extraction =
  | { ok: true; document: ExtractedDocument }
  | { ok: false; reason: 'not_html_or_pdf' | 'unreadable'; detail: string };

/** franc-min's ISO 639-3 codes for the languages it knows, as the primary tags sources use. */
const FRANC_TAGS: Record<string, string> = {
  fra: 'fr',
  eng: 'en',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  pol: 'pl',
  ukr: 'uk',
  rus: 'ru',
};

/**
 * A worker-pool task (CPU-heavy: parsing a page of up to 5 MB, or a PDF): HTML or PDF by the
 * declared type, or by the first bytes when the server declared none useful. The language is
 * the document's own tag, else guessed from the text by franc-min's trigrams.
 */
export async function extractDocument(input: DocumentInput): Promise<Extraction> {
  const type = mediaType(input.contentType, input.bytes);
  if (!type) {
    const declared = input.contentType.split(';')[0].trim() || 'no content type';
    return { ok: false, reason: 'not_html_or_pdf', detail: `${declared} is neither HTML nor PDF` };
  }
  let document: ExtractedDocument;
  try {
    document =
      type === 'application/pdf'
        ? await extractPdf(input.bytes)
        : extractHtml(input.bytes, input.contentType, input.url);
  } catch (error) {
    // A damaged or encrypted PDF, or markup no parser copes with: the researcher's answer is the same.
    return {
      ok: false,
      reason: 'unreadable',
      detail: `the ${type} document could not be read: ${(error as Error).message}`,
    };
  }
  document.finalUrl ??= input.url;
  // PostgreSQL text holds no NUL character; a PDF's text sometimes carries some.
  const noNul = (value: string) => value.replaceAll(String.fromCharCode(0), '');
  document.text = noNul(document.text);
  document.title = document.title && noNul(document.title);
  document.byline = document.byline && noNul(document.byline);
  document.siteName = document.siteName && noNul(document.siteName);
  document.language ??= document.text
    ? (FRANC_TAGS[franc(document.text.slice(0, 5000), { minLength: 20 })] ?? null)
    : null;
  return { ok: true, document };
}

function mediaType(contentType: string, bytes: Uint8Array): ExtractedDocument['mediaType'] | null {
  const declared = contentType.split(';')[0].trim().toLowerCase();
  if (declared === 'application/pdf') return 'application/pdf';
  if (declared === 'text/html' || declared === 'application/xhtml+xml') return 'text/html';
  if (declared && declared !== 'application/octet-stream' && declared !== 'binary/octet-stream') return null;
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'application/pdf';
  return /^\s*(<!doctype html|<html)/i.test(head) ? 'text/html' : null;
}
