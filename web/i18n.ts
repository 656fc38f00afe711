import i18next from 'i18next';
import { en } from './locales/en';
import { fr } from './locales/fr';

/**
 * The interface's language: French or English, the browser's by default, switched for this tab
 * (sessionStorage, like the key). Every string of the pages is in ./locales, read through i18next
 * (plurals from Intl.PluralRules, `{{name}}` interpolation).
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY = 'pledgewatch.language';

function initialLanguage(): Language {
  const kept = sessionStorage.getItem(KEY);
  if (kept === 'en' || kept === 'fr') return kept;
  const preferred = (navigator.languages ?? [navigator.language]).find((l) => /^(en|fr)\b/i.test(l));
  return preferred?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

void i18next.init({
  lng: initialLanguage(),
  fallbackLng: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
  // Preact escapes what it renders; escaping here would show `&amp;` in titles.
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18next.language;

export const t = i18next.t.bind(i18next);

export const language = (): Language => (i18next.language === 'fr' ? 'fr' : 'en');

/** Switches the interface (kept for this tab); the caller re-renders. */
export function setLanguage(lng: Language): void {
  sessionStorage.setItem(KEY, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

/** The locale numbers, dates and money are written in (`€40bn` is British usage). */
export const locale = (): string => (language() === 'fr' ? 'fr-FR' : 'en-GB');

/** A vocabulary word of the API (`in_progress`, `at_least`) in the interface's language. */
export const word = (value: string): string => t(`word.${value}`, { defaultValue: value.replace(/_/g, ' ') });
