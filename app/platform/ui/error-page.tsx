import { useTranslation } from 'react-i18next'
import { isRouteErrorResponse, Link } from 'react-router'
import { refusalMessage } from '#app/platform/errors.ts'
import { messageText } from '#app/platform/i18n/keys.ts'
import { Heading, Paragraph } from './ui.tsx'

/** Which error text a page shows: not found, no access, another refusal, or our fault. */
export function errorPageKey(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500
  return status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status < 500 ? 'refused' : 'serverError'
}

/** What an error boundary shows: what happened in words (a refusal's own message), and a way on. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const key = errorPageKey(error)
  const refusal = isRouteErrorResponse(error) ? refusalMessage(error.data) : null
  return (
    <div className="pw-stack">
      <Heading level={1}>{t(`errors.page.${key}.title`)}</Heading>
      <Paragraph>{refusal ? messageText(t, refusal) : t(`errors.page.${key}.body`)}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/pacts">
          {t('errors.page.backHome')}
        </Link>
      </Paragraph>
    </div>
  )
}
