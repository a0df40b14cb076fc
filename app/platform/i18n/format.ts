import type { Locale } from './config.ts'

const TIME_ZONE = 'Europe/Amsterdam'
const tags: Record<Locale, string> = { nl: 'nl-NL', en: 'en-GB' }

/** Dates as people in the Netherlands read them, in Dutch time, whatever the server's zone. */
export function formatDate(iso: string, locale: Locale = 'nl'): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso))
}

export function formatDateTime(iso: string, locale: Locale = 'nl'): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(
    new Date(iso),
  )
}
