import { itemPageUrl, publicUrl } from '../common/links';
import { ErrorSpec, ProblemError } from '../common/problem';
import { ItemView } from './items.view';
import { CLAIM_STATUSES } from './status-scales';

/** A verdict on schema.org's 1 (worst) to 4 (best) scale, with the label people read. */
export const CLAIM_RATINGS: Record<string, { value: number; label: string }> = {
  refuted: { value: 1, label: 'Refuted' },
  misleading: { value: 2, label: 'Misleading' },
  disputed: { value: 3, label: 'Disputed' },
  confirmed: { value: 4, label: 'Confirmed' },
};

export const NO_CLAIM_REVIEW: ErrorSpec = {
  status: 422,
  code: 'ITEM.NO_CLAIM_REVIEW',
  title: 'Only a claim with a verdict has a ClaimReview',
};

/** A cited source as ClaimReview needs it: its canonical URL (no utm_*, no fragment). */
export interface CitedSource {
  canonicalUrl: string;
  title: string;
  publisher: string | null;
  publishedAt: Date | null;
  language: string;
  role: string;
}

/**
 * schema.org ClaimReview as Google reads it, for a claim with a verdict: only `speaker` actors
 * are the claim's author (a `subject` is what it is about), and a claim nobody is named as saying
 * is authored by the publisher of the source it appeared in (the origin first); appearances are
 * canonical URLs, the origin first; `itemReviewed.datePublished` is when the claim was made (its
 * origin source's date); `inLanguage` is the claim's language. `url` is the page where the review
 * is published (`reviewUrl`); without one it is the item's workbench page, which a crawler cannot
 * open (a `#/` address behind an API key) — the service has no public page per item. The
 * review's own links start with PUBLIC_BASE_URL, never the request's Host.
 */
export function claimReviewDocument(
  item: ItemView,
  sources: CitedSource[],
  baseUrl: string,
  reviewUrl?: string,
): Record<string, unknown> {
  const rating = CLAIM_RATINGS[item.status];
  if (item.kind !== 'claim' || !rating) {
    const why = item.kind !== 'claim' ? 'is a commitment' : `has no verdict yet (status ${item.status})`;
    throw new ProblemError(
      NO_CLAIM_REVIEW,
      `Item ${item.id} ${why}; verdicts are ${CLAIM_STATUSES.filter((s) => CLAIM_RATINGS[s]).join(', ')}`,
    );
  }
  const ordered = [
    ...sources.filter((s) => s.role === 'origin'),
    ...sources.filter((s) => s.role !== 'origin'),
  ];
  const appearance = ordered.map((s) => ({
    '@type': 'CreativeWork',
    url: s.canonicalUrl,
    headline: s.title,
    ...(s.publisher ? { publisher: { '@type': 'Organization', name: s.publisher } } : {}),
    ...(s.publishedAt ? { datePublished: s.publishedAt.toISOString() } : {}),
    inLanguage: s.language,
  }));
  const madeAt = ordered.find((s) => s.role === 'origin' && s.publishedAt)?.publishedAt;
  const speakers = item.actors.filter((a) => a.role === 'speaker');
  const publisher = ordered.find((s) => s.publisher)?.publisher;
  const authors = speakers.length
    ? speakers.map((a) => ({ '@type': a.kind === 'person' ? 'Person' : 'Organization', name: a.name }))
    : publisher
      ? [{ '@type': 'Organization', name: publisher }]
      : [];
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: reviewUrl ?? itemPageUrl(baseUrl, item.id),
    datePublished: new Date(item.statusSince).toISOString(),
    claimReviewed: item.statement,
    inLanguage: item.language,
    itemReviewed: {
      '@type': 'Claim',
      name: item.title,
      ...(madeAt ? { datePublished: madeAt.toISOString() } : {}),
      ...(authors.length ? { author: authors } : {}),
      ...(appearance.length ? { firstAppearance: appearance[0], appearance } : {}),
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: 4,
      worstRating: 1,
      alternateName: rating.label,
    },
    author: { '@type': 'Organization', name: 'Pledgewatch', url: publicUrl(baseUrl, '/') },
  };
}

/**
 * JSON-LD text safe to paste inside an HTML `<script type="application/ld+json">`: `<`, `>` and
 * `&` are written as JSON escapes (the same data, but no `</script>` can end the element early).
 */
export function jsonLdText(document: Record<string, unknown>): string {
  return JSON.stringify(document).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
