import { useTranslation } from 'react-i18next'
import { useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { PageHeader } from '#app/platform/ui/ui.tsx'
import { getPact, listMembers, listParties } from '#app/pacts/pacts.server.ts'
import { ProgressSummary } from '#app/tracking/ui.tsx'
import { progressSummary } from '#app/tracking/views.server.ts'
import trackingCss from '#app/tracking/tracking.css?url'
import type { Route } from './+types/pact-overview'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: trackingCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties, members, progress] = await Promise.all([
    getPact(params.pactId),
    listParties(params.pactId),
    listMembers(params.pactId),
    progressSummary(params.pactId),
  ])
  // Only what the page shows: every member sees this, so nothing about people beyond name and role.
  return {
    pact: {
      id: pact.id,
      title: pact.title,
      region: pact.region,
      start_year: pact.start_year,
      end_year: pact.end_year,
      status: pact.status,
    },
    parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind, is_signatory: party.is_signatory })),
    members: members.map((member) => ({
      user_id: member.user_id,
      name: member.name,
      party_name: member.party_name,
      access: member.access,
    })),
    progress,
  }
}

export default function PactOverview() {
  const { t } = useTranslation()
  const { pact, parties, members, progress } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <PageHeader
        title={pact.title}
        meta={`${pact.region} · ${t('pacts.period', { from: pact.start_year, to: pact.end_year })}`}
      />
      {/* A signed pact is lived by: how it is doing comes first. */}
      {progress ? <ProgressSummary summary={progress} /> : null}
      <Table
        caption={t('overview.parties')}
        rows={parties}
        rowKey={(party) => party.id}
        columns={[
          { header: t('fields.organisationName'), rowHeader: true, cell: (party) => party.name },
          { header: t('fields.organisationKind'), cell: (party) => t(`organisationKinds.${party.kind}`) },
          { header: t('overview.signing'), cell: (party) => (party.is_signatory ? t('common.yes') : t('common.no')) },
        ]}
      />
      <Table
        caption={t('overview.people')}
        rows={members}
        rowKey={(member) => member.user_id}
        columns={[
          { header: t('fields.name'), rowHeader: true, cell: (member) => member.name },
          { header: t('overview.party'), cell: (member) => member.party_name },
          { header: t('overview.access'), cell: (member) => t(`access.${member.access}`) },
        ]}
      />
    </div>
  )
}
