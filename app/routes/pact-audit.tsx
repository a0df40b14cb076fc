import { useTranslation } from 'react-i18next'
import { useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Hash, useDates } from '#app/sign-off/ui.tsx'
import { Table } from '#app/platform/ui/table.tsx'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { listAudit } from '#app/audit/audit.server.ts'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { userNames } from '#app/sign-off/views.server.ts'
import { refusalFor, type RefusalCode } from '#app/sign-off/forms.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-audit'
import { messageText } from '#app/platform/i18n/keys.ts'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Logboek · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, entries, parties, snapshot] = await Promise.all([
    getPact(params.pactId),
    listAudit(params.pactId),
    listParties(params.pactId),
    pactSnapshot(params.pactId),
  ])
  const parsed = entries.map((entry) => ({ ...entry, details: JSON.parse(entry.details) as Record<string, unknown> }))
  const people = await userNames(
    parsed.flatMap((entry) => (typeof entry.details.userId === 'string' ? [entry.details.userId] : [])),
  )
  return {
    pact: { id: pact.id, title: pact.title },
    entries: parsed,
    // Ids in the details, in words; an id that is no longer known stays as it is.
    names: {
      partyId: Object.fromEntries(parties.map((party) => [party.id, party.name])),
      userId: Object.fromEntries(people),
      clauseId: Object.fromEntries(snapshot.clauses.map((clause) => [clause.clauseId, clause.title])),
    } as Record<string, Record<string, string>>,
  }
}

const HASH_KEYS = new Set(['contentHash', 'seenHash', 'hash'])

export default function PactAudit() {
  const { t } = useTranslation()
  const { dateTime } = useDates()
  const { pact, entries, names } = useLoaderData<typeof loader>()

  function detailValue(key: string, value: unknown) {
    if (typeof value === 'string' && HASH_KEYS.has(key)) return <Hash value={value} />
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
    if (typeof value !== 'string') return JSON.stringify(value)
    if (names[key]?.[value]) return names[key][value]
    if (key === 'decision') return t(`signoff.decisions.${value}`, { defaultValue: value })
    if (key === 'from' || key === 'to') return t(`pactStatus.${value}`, { defaultValue: value })
    if (key === 'access') return t(`access.${value}`, { defaultValue: value })
    if (key === 'refused') return messageText(t, refusalFor(value as RefusalCode)?.message ?? value)
    if (key === 'reason') return t(`signoff.audit.reasons.${value}`, { defaultValue: value })
    return value
  }

  return (
    <div className="pw-stack">
      <PageHeader title={t('signoff.audit.title')} lead={t('signoff.audit.lead')} />
      <Paragraph>
        <a className="utrecht-link" href={`/pacts/${pact.id}/logboek.csv`} download>
          {t('signoff.audit.csv')}
        </a>
      </Paragraph>
      <Table
        caption={t('signoff.audit.caption', { count: entries.length })}
        className="pw-audit"
        testId="audit"
        rows={entries}
        rowKey={(entry) => String(entry.id)}
        columns={[
          {
            header: t('signoff.audit.when'),
            rowHeader: true,
            cell: (entry) => <time dateTime={entry.created_at}>{dateTime(entry.created_at)}</time>,
          },
          { header: t('signoff.audit.who'), cell: (entry) => entry.actor_name ?? t('signoff.audit.system') },
          {
            header: t('signoff.audit.what'),
            cell: (entry) => t(`signoff.audit.actions.${entry.action}`, { defaultValue: entry.action }),
          },
          {
            header: t('signoff.audit.details'),
            cell: (entry) =>
              Object.keys(entry.details).length ? (
                <dl className="pw-details">
                  {Object.entries(entry.details)
                    .filter(([, value]) => value !== null && value !== undefined)
                    .map(([key, value]) => (
                      <div key={key}>
                        <dt>{t(`signoff.audit.fields.${key}`, { defaultValue: key })}</dt>
                        <dd>{detailValue(key, value)}</dd>
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
