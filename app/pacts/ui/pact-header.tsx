import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import type { AccessLevel } from '#app/access/access.ts'
import type { PactStanding } from '#app/pacts/lifecycle.ts'
import { navPosition, type PactNavItem } from '#app/pacts/pact-pages.ts'
import { PactStatusBadge, usePactStandingText } from './pact-standing.tsx'

export interface PactHeaderData {
  pact: { id: string; title: string; region: string; startYear: number; endYear: number }
  /** The status, with the version in force and the one being drafted. */
  standing: PactStanding
  /** The pact is in suggestion-only mode: every change to the text is a suggestion. */
  suggestionsOnly: boolean
  partyName: string
  access: AccessLevel
  navigation: PactNavItem[]
}

/**
 * What every page of a pact shows above its own content: which pact, its status, the reader's
 * party and access, and the one pact navigation. The page's own h1 follows below it.
 */
export function PactHeader({ pact, standing, suggestionsOnly, partyName, access, navigation }: PactHeaderData) {
  const { t } = useTranslation()
  const standingText = usePactStandingText(standing)
  return (
    <div className="pw-pact-header">
      <p className="pw-pact-header__title">{pact.title}</p>
      <dl className="pw-pact-header__facts" aria-label={t('pact.header.label')}>
        <div>
          <dt>{t('pact.header.status')}</dt>
          <dd>
            <PactStatusBadge standing={standing} />
            {standingText ? <span data-testid="pact-standing"> {standingText}</span> : null}
          </dd>
        </div>
        {suggestionsOnly ? (
          <div>
            <dt>{t('pact.header.text')}</dt>
            <dd data-testid="pact-suggestions-only">{t('pact.suggestionsOnly.header')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('pact.header.party')}</dt>
          <dd>{partyName}</dd>
        </div>
        <div>
          <dt>{t('pact.header.access')}</dt>
          <dd>{t(`access.${access}`)}</dd>
        </div>
      </dl>
      <PactNavigation pactId={pact.id} items={navigation} />
    </div>
  )
}

function PactNavigation({ pactId, items }: { pactId: string; items: PactNavItem[] }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <nav className="pw-pact-nav" aria-label={t('pact.nav.label')}>
      <ul className="pw-pact-nav__list">
        {items.map((item) => {
          const position = navPosition(pathname, pactId, item.key)
          return (
            <li key={item.key}>
              <Link
                className="pw-pact-nav__link"
                to={item.href}
                // The page itself is "page"; a page under it (a clause under Akkoord) marks its section with "true".
                aria-current={position === 'page' ? 'page' : position === 'section' ? 'true' : undefined}
              >
                {t(`pact.nav.${item.key}`)}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
