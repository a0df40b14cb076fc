import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { HydratedRouter } from 'react-router/dom'
import { DEFAULT_LOCALE, isLocale, loadLocale } from './platform/i18n/config.ts'

/**
 * React Router's default browser entry, except that it first fetches the texts of the page's
 * language when that is not Dutch: hydration must render the same text the server sent.
 */
const lang = document.documentElement.lang
void loadLocale(isLocale(lang) ? lang : DEFAULT_LOCALE).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <HydratedRouter />
      </StrictMode>,
    )
  }),
)
