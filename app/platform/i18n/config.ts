import i18next, { type i18n } from 'i18next'
import { en } from './en.ts'
import { nl } from './nl.ts'

export const LOCALES = ['nl', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'nl'
export const LOCALE_COOKIE = 'pactwerk_lang'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Dutch first: English only when the person chose it or their browser asks for it before Dutch. */
export function pickLocale(cookieValue: string | null, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase()
    if (isLocale(tag)) return tag
  }
  return DEFAULT_LOCALE
}

/** A separate instance per render, so concurrent requests in different languages never mix. */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { nl: { translation: nl }, en: { translation: en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  return instance
}
