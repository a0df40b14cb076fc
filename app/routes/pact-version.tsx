import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Hash, useDates } from '#app/sign-off/ui.tsx'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { Table } from '#app/platform/ui/table.tsx'
import { Heading, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { getPact } from '#app/pacts/pacts.server.ts'
import { signedVersion } from '#app/sign-off/views.server.ts'
import { readableHeaderCells } from '#app/document/empty-header-cells.ts'
import editorCss from '#app/document/ui/editor.css?url'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-version'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: editorCss },
  { rel: 'stylesheet', href: signOffCss },
]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.pact.title ?? 'Pact'} · Versie ${data?.version.number ?? ''} · Pactwerk` },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, version] = await Promise.all([getPact(params.pactId), signedVersion(params.pactId, Number(params.number))])
  if (!version) throw refusalResponse(notFound())
  return {
    pact: { id: pact.id, title: pact.title },
    version: {
      number: version.number,
      hash: version.hash,
      // Shown to read: the stored HTML itself stays as signed.
      html: readableHeaderCells(version.html),
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
      <PageHeader
        title={`${pact.title}: ${t('signoff.versions.name', { number: version.number })}`}
        lead={t('signoff.version.signedLine', { date: dateTime(version.signedAt), name: version.signedBy })}
      />
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
        <Link
          className="utrecht-link"
          to={`/pacts/${pact.id}/vergelijken?${new URLSearchParams({ van: String(version.number), naar: 'concept' })}`}
        >
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
        <Table
          caption={t('signoff.signature.caption')}
          captionHidden
          rows={signatories}
          rowKey={(signatory) => `${signatory.party} ${signatory.signatory}`}
          columns={[
            { header: t('signoff.signature.party'), rowHeader: true, cell: (signatory) => signatory.party },
            { header: t('signoff.signature.signatory'), cell: (signatory) => signatory.signatory },
            { header: t('signoff.signature.clauses'), numeric: true, cell: (signatory) => signatory.clauses },
            { header: t('signoff.signature.lastApproval'), cell: (signatory) => dateTime(signatory.lastApprovedAt) },
          ]}
        />
        <Paragraph>
          {t('signoff.hashLabel')}: <Hash value={version.hash} />
        </Paragraph>
      </section>
    </div>
  )
}
