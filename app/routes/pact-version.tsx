import { useTranslation } from 'react-i18next'
import { data, Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Hash, useDates } from '#app/sign-off/ui.tsx'
import { Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { getPact } from '#app/pacts/pacts.server.ts'
import { signedVersion } from '#app/sign-off/views.server.ts'
import editorCss from '#app/document/ui/editor.css?url'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-version'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: signOffCss },
]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Versie ${data?.version.number ?? ''} · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, version] = await Promise.all([getPact(params.pactId), signedVersion(params.pactId, Number(params.number))])
  if (!version) throw data({ message: 'not-found' }, { status: 404 })
  return {
    pact: { id: pact.id, title: pact.title },
    version: {
      number: version.number,
      hash: version.hash,
      html: version.html,
      signedAt: version.signedAt,
      signedBy: version.signedByName,
      clauses: version.clauses.length,
    },
    signatories: version.signatories,
  }
}

export default function PactVersion() {
  const { t } = useTranslation()
  const { date, dateTime } = useDates()
  const { pact, version, signatories } = useLoaderData<typeof loader>()
  const base = `/pacts/${pact.id}/versies/${version.number}`
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/versies`}>
          {t('signoff.versions.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>
        {pact.title}: {t('signoff.versions.name', { number: version.number })}
      </Heading>
      <Paragraph lead>{t('signoff.version.signedLine', { date: dateTime(version.signedAt), name: version.signedBy })}</Paragraph>
      <Paragraph>
        {t('signoff.hashLabel')}: <Hash value={version.hash} />
      </Paragraph>
      <nav className="pw-actions" aria-label={t('signoff.version.actions')}>
        <a className="utrecht-link" href={`${base}/pdf`} download>
          {t('signoff.versions.pdf')}
        </a>
        <a className="utrecht-link" href={`${base}/docx`} download>
          {t('signoff.versions.docx')}
        </a>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/vergelijken?${new URLSearchParams({ van: String(version.number), naar: 'concept' })}`}>
          {t('signoff.version.compareWithDraft')}
        </Link>
      </nav>
      <Paragraph className="pw-meta">{t('signoff.version.frozen')}</Paragraph>
      {/* Safe: stored as rendered by the static renderer, which emits only the schema's elements with text escaped. */}
      <div className="pw-document pw-read__document" dangerouslySetInnerHTML={{ __html: version.html }} />

      <section aria-labelledby="signature-heading" className="pw-signature">
        <Heading level={2} id="signature-heading">
          {t('signoff.signature.title')}
        </Heading>
        <Paragraph>{t('signoff.signature.intro', { count: version.clauses, date: date(version.signedAt) })}</Paragraph>
        <div className="pw-table-wrap">
          <table className="utrecht-table">
            <caption className="pw-visually-hidden">{t('signoff.signature.caption')}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.signature.party')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.signature.signatory')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.signature.clauses')}</th>
                <th className="utrecht-table__header-cell" scope="col">{t('signoff.signature.lastApproval')}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {signatories.map((signatory) => (
                <tr key={`${signatory.party} ${signatory.signatory}`} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{signatory.party}</th>
                  <td className="utrecht-table__cell">{signatory.signatory}</td>
                  <td className="utrecht-table__cell">{signatory.clauses}</td>
                  <td className="utrecht-table__cell">{dateTime(signatory.lastApprovedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Paragraph>
          {t('signoff.hashLabel')}: <Hash value={version.hash} />
        </Paragraph>
      </section>
    </div>
  )
}
