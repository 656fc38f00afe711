import { franc } from 'franc-min';
import { Language } from './lexicon';

const FRANC_CODES: Record<string, Language> = { fra: 'fr', eng: 'en' };

/**
 * The language a source's candidates are read in: its own tag when it names French or English;
 * franc-min (trigram profiles shipped in the package) when the tag says nothing ("und", "mul");
 * null when the text is in another language.
 */
export function candidateLanguage(tag: string, text: string): Language | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === 'fr' || primary === 'en') return primary;
  if (primary !== 'und' && primary !== 'mul' && primary !== '') return null;
  return FRANC_CODES[franc(text.slice(0, 5000), { minLength: 10 })] ?? null;
}
