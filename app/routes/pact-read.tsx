import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import editorCss from '#app/document/ui/editor.css?url'
import type { Route } from './+types/pact-read'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Leesversie · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  // The same rendering the sign-off reads, with the structured data inside its clauses.
  const [pact, snapshot] = await Promise.all([getPact(params.pactId), pactSnapshot(params.pactId)])
  return {
    pact: { id: pact.id, title: pact.title, region: pact.region, startYear: pact.start_year, endYear: pact.end_year },
    html: snapshot.html,
  }
}

export default function PactRead() {
  const { t } = useTranslation()
  const { pact, html } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <PageHeader
        title={`${pact.title}: ${t('editor.read.title')}`}
        meta={t('editor.read.period', { region: pact.region, startYear: pact.startYear, endYear: pact.endYear })}
        lead={t('editor.read.lead')}
      />
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/document`}>
          {t('editor.read.toEditor')}
        </Link>
      </Paragraph>
      {html ? (
        // Safe: the static renderer emits only the schema's own elements, with all text escaped.
        <div className="pw-document pw-read__document" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <Paragraph>{t('editor.read.empty')}</Paragraph>
      )}
    </div>
  )
}
