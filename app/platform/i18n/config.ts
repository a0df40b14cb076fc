import i18next, { type i18n } from 'i18next'
import { nl, type Translations } from './nl.ts'

export const LOCALES = ['nl', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'nl'
export const LOCALE_COOKIE = 'pactwerk_lang'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/**
 * Dutch, unless the person chose English with the language switch (/taal). The browser's language
 * is not asked: the pact's content is Dutch, and English chrome around it only confuses.
 */
export function pickLocale(cookieValue: string | null): Locale {
  return isLocale(cookieValue) ? cookieValue : DEFAULT_LOCALE
}

/**
 * The texts at hand. English is fetched once someone chose it (loadLocale), so the Dutch pages
 * most people use do not carry the English texts too.
 */
const loaded: Partial<Record<Locale, Translations>> = { nl }

export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' && !loaded.en) loaded.en = (await import('./en.ts')).en
}

/**
 * A separate instance per render, so concurrent requests in different languages never mix. The
 * locale's texts must have been loaded (loadLocale); until then its texts are the Dutch ones.
 */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: Object.fromEntries(Object.entries(loaded).map(([language, translation]) => [language, { translation }])),
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  return instance
}
