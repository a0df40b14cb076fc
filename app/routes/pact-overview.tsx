import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Badge, buttonClass, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { getPact, listMembers, listParties } from '#app/pacts/pacts.server.ts'
import { can } from '#app/access/access.ts'
import { ProgressSummary } from '#app/tracking/ui.tsx'
import { progressSummary } from '#app/tracking/views.server.ts'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-overview'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties, members, progress] = await Promise.all([
    getPact(params.pactId),
    listParties(params.pactId),
    listMembers(params.pactId),
    progressSummary(params.pactId),
  ])
  // Only what the page shows: every member sees this, so nothing about people beyond name and role.
  return {
    pact: { id: pact.id, title: pact.title, region: pact.region, start_year: pact.start_year, end_year: pact.end_year, status: pact.status },
    parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind, is_signatory: party.is_signatory })),
    members: members.map((member) => ({ user_id: member.user_id, name: member.name, party_name: member.party_name, access: member.access })),
    progress,
    access: membership.access,
    canManage: can(membership.access, 'manage'),
  }
}

export default function PactOverview() {
  const { t } = useTranslation()
  const { pact, parties, members, progress, access, canManage } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <Heading level={1}>{pact.title}</Heading>
      <Paragraph className="pw-meta">
        {pact.region} · {t('pacts.period', { from: pact.start_year, to: pact.end_year })}
      </Paragraph>
      <Paragraph>
        {t('overview.status')}: <Badge>{t(`pactStatus.${pact.status}`)}</Badge> · {t('overview.yourAccess')}:{' '}
        <Badge>{t(`access.${access}`)}</Badge>
      </Paragraph>
      {/* A signed pact is lived by: how it is doing comes first. */}
      {progress ? <ProgressSummary summary={progress} /> : null}
      <nav className="pw-actions" aria-label={t('overview.pactNav')}>
        <Link className={buttonClass('primary')} to={`/pacts/${pact.id}/document`}>
          {t('overview.openDocument')}
        </Link>
        <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/leesversie`}>
          {t('overview.readVersion')}
        </Link>
        <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/akkoord`}>
          {t('signoff.nav.signOff')}
        </Link>
        <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/versies`}>
          {t('signoff.nav.versions')}
        </Link>
        <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/logboek`}>
          {t('signoff.nav.audit')}
        </Link>
        {canManage ? (
          <Link className={buttonClass('secondary')} to={`/pacts/${pact.id}/instellingen`}>
            {t('overview.settings')}
          </Link>
        ) : null}
      </nav>
      <div className="pw-table-wrap">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{t('overview.parties')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">{t('fields.organisationName')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('fields.organisationKind')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('overview.signing')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {parties.map((party) => (
              <tr key={party.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{party.name}</td>
                <td className="utrecht-table__cell">{t(`organisationKinds.${party.kind}`)}</td>
                <td className="utrecht-table__cell">{party.is_signatory ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pw-table-wrap">
        <table className="utrecht-table">
          <caption className="utrecht-table__caption">{t('overview.people')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">{t('fields.name')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('overview.party')}</th>
              <th className="utrecht-table__header-cell" scope="col">{t('overview.access')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {members.map((member) => (
              <tr key={member.user_id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{member.name}</td>
                <td className="utrecht-table__cell">{member.party_name}</td>
                <td className="utrecht-table__cell">{t(`access.${member.access}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
