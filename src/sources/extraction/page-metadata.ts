/** What a page says about itself besides its text, read before Readability rewrites the DOM. */
export interface PageMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  siteName: string | null;
  language: string | null;
}

type Json = Record<string, unknown>;
const ARTICLE_TYPE = /Article|Report|BlogPosting|Posting/i;

/**
 * JSON-LD (the first `…Article` object, `@graph` included), then OpenGraph and the usual `<meta>`
 * names, then `<html lang>` and `<time datetime>`. Structured data wins over OpenGraph where the
 * two disagree, as in Readability: it describes the article, OpenGraph the share card.
 */
export function pageMetadata(document: Document): PageMetadata {
  const ld = jsonLdArticle(document);
  const meta = (...names: string[]) => {
    for (const name of names) {
      const el = document.querySelector(
        `meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`,
      );
      const content = el?.getAttribute('content')?.trim();
      if (content) return content;
    }
    return null;
  };
  return {
    title:
      text(ld?.headline) ??
      meta('og:title', 'twitter:title') ??
      text(document.querySelector('title')?.textContent),
    byline: personName(ld?.author) ?? meta('author', 'article:author', 'dc.creator'),
    publishedAt: instant(
      text(ld?.datePublished) ??
        meta('article:published_time', 'datePublished', 'date', 'dc.date', 'pubdate') ??
        document.querySelector('time[datetime]')?.getAttribute('datetime'),
    ),
    siteName: personName(ld?.publisher) ?? meta('og:site_name', 'application-name'),
    language: languageTag(
      document.documentElement?.getAttribute('lang') ??
        text(ld?.inLanguage) ??
        meta('og:locale') ??
        document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'),
    ),
  };
}

function jsonLdArticle(document: Document): Json | null {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // broken JSON-LD is common; the other sources of metadata remain
    }
    const found = flatten(parsed).find((node) =>
      [node['@type']].flat().some((t) => ARTICLE_TYPE.test(String(t))),
    );
    if (found) return found;
  }
  return null;
}

function flatten(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (!value || typeof value !== 'object') return [];
  const node = value as Json;
  return [node, ...flatten(node['@graph'])];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : null;
}

function personName(value: unknown): string | null {
  const names = [value]
    .flat()
    .map((v) => text(v) ?? (v && typeof v === 'object' ? text((v as Json).name) : null))
    .filter((n): n is string => n !== null);
  return names.length ? names.join(', ') : null;
}

/**
 * An ISO 8601 instant in UTC, or null. Only dates with a four-digit year are read: V8 reads
 * free text leniently ("le 20 mars" would become 20 March 2001).
 */
export function instant(value: string | null | undefined): string | null {
  if (!value || !/\b\d{4}\b/.test(value)) return null;
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** `fr_FR`, `en-GB`, `FR` → `fr`, `en`: the primary subtag, which is what sources are filed under. */
export function languageTag(value: string | null | undefined): string | null {
  const primary = value?.trim().split(/[-_]/)[0].toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
