import { useTranslation } from 'react-i18next'
import { Link, redirect } from 'react-router'
import { getUser } from '#app/access/authorization.server.ts'
import { buttonClass, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import type { Route } from './+types/home'

export const meta: Route.MetaFunction = () => [{ title: 'Pactwerk · Samen werken aan een Pact voor de Transformatie' }]

export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect('/pacts')
  return null
}

export default function Home() {
  const { t } = useTranslation()
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('home.title')}</Heading>
      <Paragraph lead>{t('home.lead')}</Paragraph>
      <ul className="pw-cards">
        {(['draft', 'signOff', 'track'] as const).map((step) => (
          <li key={step} className="pw-card">
            <Heading level={2}>{t(`home.steps.${step}.title`)}</Heading>
            <Paragraph>{t(`home.steps.${step}.body`)}</Paragraph>
          </li>
        ))}
      </ul>
      <div className="pw-actions">
        <Link className={buttonClass('primary')} to="/inloggen">
          {t('nav.signIn')}
        </Link>
        <Link className={buttonClass('secondary')} to="/aanmelden">
          {t('home.createAccount')}
        </Link>
      </div>
    </div>
  )
}
