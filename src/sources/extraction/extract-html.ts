import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeHtml } from './decode-html';
import { instant, languageTag, pageMetadata } from './page-metadata';
import type { ExtractedDocument } from './extracted-document';

/** Elements whose text is one paragraph of the stored text. */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td, th, dd, dt';

/**
 * The article of an HTML page: Readability (Mozilla's reader view) over linkedom's DOM finds the
 * main content and drops navigation, ads, banners, comments and related links; each block of it
 * becomes one paragraph, separated by blank lines. Metadata Readability did not find comes from
 * JSON-LD, OpenGraph and `<meta>` (page-metadata.ts).
 */
export function extractHtml(bytes: Uint8Array, contentType: string, url: string): ExtractedDocument {
  const html = decodeHtml(bytes, contentType);
  const { document } = parseHTML(html);
  const meta = pageMetadata(document);
  const article = new Readability(document, { charThreshold: 200 }).parse();
  const text = article?.content ? paragraphs(article.content) : '';
  return {
    mediaType: 'text/html',
    text,
    title: clean(article?.title) ?? meta.title,
    byline: clean(article?.byline) ?? meta.byline,
    publishedAt: instant(article?.publishedTime) ?? meta.publishedAt,
    siteName: clean(article?.siteName) ?? meta.siteName,
    language: languageTag(article?.lang) ?? meta.language,
    finalUrl: url,
  };
}

function paragraphs(articleHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${articleHtml}</body></html>`);
  const blocks = Array.from(document.querySelectorAll(BLOCKS)).filter(
    (el) => el.querySelector(BLOCKS) === null,
  );
  const texts = blocks.map((el) => clean(el.textContent)).filter((t): t is string => t !== null);
  return texts.length ? texts.join('\n\n') : (clean(document.body.textContent) ?? '');
}

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}
