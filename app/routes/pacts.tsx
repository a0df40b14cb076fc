import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requireUser } from '#app/access/authorization.server.ts'
import { Badge, buttonClass, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { listUserPacts } from '#app/pacts/pacts.server.ts'
import type { Route } from './+types/pacts'

export const meta: Route.MetaFunction = () => [{ title: 'Mijn pacten · Pactwerk' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { pacts: await listUserPacts(user.id) }
}

export default function Pacts() {
  const { t } = useTranslation()
  const { pacts } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('pacts.title')}</Heading>
      <div className="pw-actions">
        <Link className={buttonClass('primary')} to="/pacts/nieuw">
          {t('pacts.new')}
        </Link>
      </div>
      {pacts.length === 0 ? <Paragraph>{t('pacts.none')}</Paragraph> : null}
      <ul className="pw-cards" aria-label={t('pacts.title')}>
        {pacts.map((pact) => (
          <li key={pact.id} className="pw-card">
            <Heading level={2}>
              <Link className="utrecht-link" to={`/pacts/${pact.id}`}>
                {pact.title}
              </Link>
            </Heading>
            <Paragraph className="pw-meta">
              {pact.region} · {t('pacts.period', { from: pact.start_year, to: pact.end_year })}
            </Paragraph>
            <Paragraph>
              <Badge>{t(`pactStatus.${pact.status}`)}</Badge> <Badge>{t(`access.${pact.access}`)}</Badge>
            </Paragraph>
          </li>
        ))}
      </ul>
    </div>
  )
}
