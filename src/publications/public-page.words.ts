export type PageLanguage = 'en' | 'fr';

type Phrase =
  | 'tally'
  | 'totals'
  | 'items'
  | 'none'
  | 'since'
  | 'due'
  | 'amount'
  | 'source'
  | 'timeline'
  | 'truncated'
  | 'footer'
  | 'fullPage';

/** The words of the public pages, in English and French. */
export const WORDS: Record<
  PageLanguage,
  Record<Phrase, string> & { statuses: Record<string, string>; roles: Record<string, string> }
> = {
  en: {
    tally: 'Status',
    totals: 'Money pledged',
    items: 'Items',
    none: 'Nothing yet',
    since: 'since',
    due: 'Due',
    amount: 'Amount',
    source: 'Source',
    timeline: 'Timeline',
    truncated: 'The newest items are shown.',
    footer: 'Published with Pledgewatch',
    fullPage: 'The full page',
    statuses: {
      proposed: 'Proposed',
      agreed: 'Agreed',
      in_progress: 'In progress',
      fulfilled: 'Fulfilled',
      partially_fulfilled: 'Partially fulfilled',
      stalled: 'Stalled',
      broken: 'Broken',
      withdrawn: 'Withdrawn',
      unverified: 'Unverified',
      confirmed: 'Confirmed',
      misleading: 'Misleading',
      disputed: 'Disputed',
      refuted: 'Refuted',
    },
    roles: { speaker: 'speaker', pledger: 'pledger', beneficiary: 'beneficiary', subject: 'subject' },
  },
  fr: {
    tally: 'Statut',
    totals: 'Montants promis',
    items: 'Engagements et affirmations',
    none: 'Rien pour l’instant',
    since: 'depuis le',
    due: 'Échéance',
    amount: 'Montant',
    source: 'Source',
    timeline: 'Chronologie',
    truncated: 'Les éléments les plus récents sont affichés.',
    footer: 'Publié avec Pledgewatch',
    fullPage: 'La page complète',
    statuses: {
      proposed: 'Proposé',
      agreed: 'Adopté',
      in_progress: 'En cours',
      fulfilled: 'Tenu',
      partially_fulfilled: 'Partiellement tenu',
      stalled: 'Au point mort',
      broken: 'Rompu',
      withdrawn: 'Retiré',
      unverified: 'Non vérifié',
      confirmed: 'Confirmé',
      misleading: 'Trompeur',
      disputed: 'Contesté',
      refuted: 'Réfuté',
    },
    roles: { speaker: 'orateur', pledger: 'donateur', beneficiary: 'bénéficiaire', subject: 'sujet' },
  },
};

/**
 * The reader's language from Accept-Language (the highest q among fr and en), else the
 * publication's own. Written by hand: two languages, a dozen lines, no ranges beyond the primary tag.
 */
export function pageLanguage(header: string | undefined, fallback: PageLanguage | null): PageLanguage {
  let best: { lang: PageLanguage; q: number } | null = null;
  for (const part of (header ?? '').split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'fr' && primary !== 'en') continue;
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? fallback ?? 'en';
}
