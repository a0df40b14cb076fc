import { useTranslation } from 'react-i18next'
import { useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Hash, useDates } from '#app/sign-off/ui.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { listAudit } from '#app/audit/audit.server.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { readableAuditEntry } from '#app/sign-off/audit-entry.ts'
import { auditNames } from '#app/sign-off/views.server.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-audit'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Logboek · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, entries] = await Promise.all([getPact(params.pactId), listAudit(params.pactId)])
  return { pact: { id: pact.id, title: pact.title }, entries, names: await auditNames(params.pactId, entries) }
}

export default function PactAudit() {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const { pact, entries, names } = useLoaderData<typeof loader>()
  const rows = entries.map((entry) => ({ id: entry.id, createdAt: entry.created_at, ...readableAuditEntry(entry, names, t) }))

  return (
    <div className="pw-stack">
      <PageHeader title={t('signoff.audit.title')} lead={t('signoff.audit.lead')} />
      <Paragraph>
        <a className="utrecht-link" href={`/pacts/${pact.id}/logboek.csv`} download>
          {t('signoff.audit.csv')}
        </a>
      </Paragraph>
      <Table
        caption={t('signoff.audit.caption', { count: rows.length })}
        className="pw-audit"
        testId="audit"
        rows={rows}
        rowKey={(row) => String(row.id)}
        columns={[
          {
            header: t('signoff.audit.when'),
            rowHeader: true,
            cell: (row) => <time dateTime={row.createdAt}>{dateTime(row.createdAt)}</time>,
          },
          {
            header: t('signoff.audit.who'),
            cell: (row) =>
              row.organisation ? t('signoff.audit.personAt', { name: row.person, organisation: row.organisation }) : row.person,
          },
          { header: t('signoff.audit.what'), cell: (row) => row.action },
          { header: t('signoff.audit.subject'), cell: (row) => row.subject },
          {
            header: t('signoff.audit.details'),
            cell: (row) =>
              row.details.length ? (
                <dl className="pw-details">
                  {row.details.map((detail) => (
                    <div key={detail.label}>
                      <dt>{detail.label}</dt>
                      <dd>{detail.hash ? <Hash value={detail.value} /> : detail.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
