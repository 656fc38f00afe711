import { EntityManager } from 'typeorm';
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

interface SourceRow {
  url: string;
  title: string;
  publisher: string | null;
  published_at: Date | null;
  role: string;
}

/** schema.org ClaimReview (as fact-checkers publish for search engines) for a claim with a verdict. */
export async function claimReview(
  m: EntityManager,
  item: ItemView,
  baseUrl: string,
): Promise<Record<string, unknown>> {
  const rating = CLAIM_RATINGS[item.status];
  if (item.kind !== 'claim' || !rating) {
    const why = item.kind !== 'claim' ? 'is a commitment' : `has no verdict yet (status ${item.status})`;
    throw new ProblemError(
      NO_CLAIM_REVIEW,
      `Item ${item.id} ${why}; verdicts are ${CLAIM_STATUSES.filter((s) => CLAIM_RATINGS[s]).join(', ')}`,
    );
  }
  const sources: SourceRow[] = await m.query(
    `SELECT s.url, s.title, s.publisher, s.published_at, c.role FROM citations c JOIN sources s ON s.id = c.source_id
     WHERE c.item_id = $1 AND c.role IN ('origin', 'support') ORDER BY s.published_at NULLS LAST, c.created_at`,
    [item.id],
  );
  const appearance = sources.map((s) => ({
    '@type': 'CreativeWork',
    url: s.url,
    headline: s.title,
    ...(s.publisher ? { publisher: { '@type': 'Organization', name: s.publisher } } : {}),
    ...(s.published_at ? { datePublished: s.published_at.toISOString() } : {}),
  }));
  const authors = item.actors.filter((a) => a.role === 'speaker' || a.role === 'subject');
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: `${baseUrl}/v1/items/${item.id}`,
    datePublished: new Date(item.statusSince).toISOString(),
    claimReviewed: item.statement,
    itemReviewed: {
      '@type': 'Claim',
      name: item.title,
      ...(authors.length
        ? {
            author: authors.map((a) => ({
              '@type': a.kind === 'person' ? 'Person' : 'Organization',
              name: a.name,
            })),
          }
        : {}),
      ...(appearance.length ? { firstAppearance: appearance[0], appearance } : {}),
    },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: 4,
      worstRating: 1,
      alternateName: rating.label,
    },
    author: { '@type': 'Organization', name: 'Pledgewatch' },
  };
}
