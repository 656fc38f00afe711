import { COLUMN_FIELDS, ColumnField } from './columns';

/** Header words that name a field, in English and French; the first matching column wins. */
const CLUES: Partial<Record<ColumnField, RegExp>> = {
  rowKey: /^(id|key|ref|reference|row id)$/i,
  title: /title|titre|promise|promesse|explanation|headline|item|pledge|engagement/i,
  statement: /statement|description|details|détail|texte/i,
  status: /status|statut|rating|verdict|progress/i,
  actor: /donor|donateur|politician|actor|acteur|pledger|country|pays|person|who/i,
  amount: /amount|value|valeur|montant|budget|sum|eur|usd/i,
  currency: /^(currency|devise|monnaie)$/i,
  date: /date|announced|annonc/i,
  dueAt: /due|deadline|échéance|echeance/i,
  sourceUrl: /url|link|lien|source/i,
  quote: /quote|citation|passage|extrait/i,
  tags: /type|tags?|category|catégorie/i,
};

/**
 * A first mapping from the header row (the workbench's Import page starts from it): each field
 * takes the first column whose header matches its clue and that no earlier field took.
 */
export function guessMapping(headers: string[]): Partial<Record<ColumnField, string>> {
  const taken = new Set<string>();
  const guess: Partial<Record<ColumnField, string>> = {};
  for (const field of COLUMN_FIELDS) {
    const clue = CLUES[field];
    const header = clue && headers.find((h) => !taken.has(h) && clue.test(h));
    if (header) {
      guess[field] = header;
      taken.add(header);
    }
  }
  return guess;
}
