import type { i18n } from 'i18next'
import { readCookie } from '#app/platform/auth/session.server.ts'
import { createI18n, loadLocale, LOCALE_COOKIE, pickLocale, type Locale } from './config.ts'

/** The language the person chose (pickLocale), from the request's cookie. */
export function requestLocale(request: Request): Locale {
  return pickLocale(readCookie(request.headers.get('Cookie'), LOCALE_COOKIE))
}

/** Texts in the request's language, for what a loader renders on the server (HTML it sends as a string). */
export async function requestI18n(request: Request): Promise<i18n> {
  const locale = requestLocale(request)
  await loadLocale(locale)
  return createI18n(locale)
}
