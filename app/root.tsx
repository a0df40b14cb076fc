import utrechtCss from '@utrecht/component-library-css/dist/index.css?url'
import { useEffect, useMemo } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/root'
import { getUser } from './access/authorization.server.ts'
import { requestLocale } from './platform/i18n/request.server.ts'
import { useNonce } from './platform/nonce.ts'
import { ErrorPage, errorPageKey } from './platform/ui/error-page.tsx'
import { useFocusOnNavigation } from './platform/ui/focus.ts'
import { Button } from './platform/ui/ui.tsx'
import { createI18n, DEFAULT_LOCALE, loadLocale, type Locale } from './platform/i18n/config.ts'
import appCss from './platform/ui/app.css?url'
import themeCss from './platform/ui/theme.css?url'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: utrechtCss },
  { rel: 'stylesheet', href: themeCss },
  { rel: 'stylesheet', href: appCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: Route.LoaderArgs) {
  const locale = requestLocale(request)
  const [user] = await Promise.all([getUser(request), loadLocale(locale)])
  // Every page gets this: the header shows the name, and nothing else about the account travels.
  return { locale, user: user && { name: user.name } }
}

/** In the browser, after a language switch: the chosen language's texts before the page renders in it. */
export async function clientLoader({ serverLoader }: Route.ClientLoaderArgs) {
  const data = await serverLoader()
  await loadLocale(data.locale)
  return data
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData()
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE
  const i18n = useMemo(() => createI18n(locale), [locale])
  const nonce = useNonce()
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="pactwerk-theme utrecht-document">
        <I18nextProvider i18n={i18n}>
          <SiteHeader />
          <main id="inhoud" className="pw-main" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter />
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

function SiteHeader() {
  const { t, i18n } = useTranslation()
  const data = useRootData()
  const location = useLocation()
  const here = `${location.pathname}${location.search}`
  return (
    <header className="pw-header">
      <a className="utrecht-skip-link pw-skip" href="#inhoud">
        {t('layout.skipToContent')}
      </a>
      <div className="pw-header__inner">
        <Link className="pw-brand" to="/">
          Pactwerk
        </Link>
        <nav aria-label={t('layout.mainNav')}>
          <ul className="pw-nav">
            {data?.user ? (
              <>
                <li>
                  <Link className="utrecht-link" to="/pacts">
                    {t('nav.myPacts')}
                  </Link>
                </li>
                <li>
                  <Link className="utrecht-link" to="/organisaties">
                    {t('nav.organisations')}
                  </Link>
                </li>
                <li>
                  <span>{t('nav.signedInAs', { name: data.user.name })}</span>
                </li>
                <li>
                  <Form method="post" action="/uitloggen">
                    <Button appearance="subtle">{t('nav.signOut')}</Button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link className="utrecht-link" to="/inloggen">
                    {t('nav.signIn')}
                  </Link>
                </li>
                <li>
                  <Link className="utrecht-link" to="/aanmelden">
                    {t('nav.signUp')}
                  </Link>
                </li>
              </>
            )}
            <li>
              <Form method="post" action="/taal" className="pw-lang" aria-label={t('nav.language')}>
                <input type="hidden" name="redirectTo" value={here} />
                <Button appearance="subtle" name="locale" value="nl" aria-pressed={i18n.language === 'nl'} lang="nl">
                  NL
                </Button>
                <Button appearance="subtle" name="locale" value="en" aria-pressed={i18n.language === 'en'} lang="en">
                  EN
                </Button>
              </Form>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}

function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="pw-footer">
      <div className="pw-footer__inner">{t('layout.footer')}</div>
    </footer>
  )
}

export default function App() {
  useFocusOnNavigation()
  // Lets browser tests (and CSS) know the page has hydrated and handles clicks in React.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return <Outlet />
}

/** Pages set their own title; an error page (404 among them) gets one that says what happened. */
export const meta: Route.MetaFunction = ({ error, data }) => {
  if (!error) return [{ title: 'Pactwerk' }]
  const { t } = createI18n(data?.locale ?? DEFAULT_LOCALE)
  return [{ title: `${t(`errors.page.${errorPageKey(error)}.title`)} · Pactwerk` }]
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />
}
