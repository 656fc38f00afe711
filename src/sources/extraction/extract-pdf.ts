import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { ExtractedDocument } from './extracted-document';
import { PAGE_BREAK } from '../pages';
import { instant } from './page-metadata';

/**
 * A PDF's text, page by page, with unpdf (its bundled serverless build of Mozilla's PDF.js,
 * pure JavaScript: no canvas or other native addon is loaded for text). Lines keep their
 * breaks; pages are joined by a form feed. Scripts in the PDF are never evaluated
 * (`isEvalSupported: false`), and no font is loaded from the system.
 */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pages = (await extractText(pdf, { mergePages: false })).text.map(tidy);
    // The information dictionary: its values are strings when set.
    const { info } = await getMeta(pdf);
    return {
      mediaType: 'application/pdf',
      text: pages.some((p) => p !== '') ? pages.join(PAGE_BREAK) : '',
      title: field(info.Title),
      byline: field(info.Author),
      publishedAt: pdfDate(field(info.CreationDate)),
      siteName: null,
      language: null,
      finalUrl: null,
    };
  } finally {
    await pdf.destroy();
  }
}

function tidy(page: string): string {
  return page
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function field(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** PDF dates are `D:YYYYMMDDHHmmSS` with an optional zone (`Z`, `+01'00'`). */
function pdfDate(value: string | null): string | null {
  const m = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!m) return null;
  const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  return instant(
    `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`,
  );
}
