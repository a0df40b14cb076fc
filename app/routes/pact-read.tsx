import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { Paragraph, PageHeader } from '#app/platform/ui/ui.tsx'
import { readableHeaderCells } from '#app/document/empty-header-cells.ts'
import { htmlWithSuggestions, pactSnapshot } from '#app/document/pact-document.server.ts'
import { getPact, listMembers } from '#app/pacts/pacts.server.ts'
import { requestI18n } from '#app/platform/i18n/request.server.ts'
import { INSERTION_MARK } from '#app/document/suggestions.ts'
import editorCss from '#app/document/ui/editor.css?url'
import type { Route } from './+types/pact-read'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Leesversie · Pactwerk` }]

/** `?voorstellen=tonen` shows the open suggestions, marked; without it the text reads as it stands. */
const SHOW_SUGGESTIONS = 'tonen'

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const showSuggestions = new URL(request.url).searchParams.get('voorstellen') === SHOW_SUGGESTIONS
  // The same rendering the sign-off reads, with the structured data inside its clauses.
  const [pact, snapshot] = await Promise.all([getPact(params.pactId), pactSnapshot(params.pactId)])
  return {
    pact: { id: pact.id, title: pact.title, region: pact.region, startYear: pact.start_year, endYear: pact.end_year },
    html: readableHeaderCells(showSuggestions ? await withSuggestions(request, params.pactId, snapshot) : snapshot.html),
    showSuggestions,
    openSuggestions: snapshot.suggestions.length,
  }
}

async function withSuggestions(request: Request, pactId: string, snapshot: Awaited<ReturnType<typeof pactSnapshot>>) {
  const [{ t }, members] = await Promise.all([requestI18n(request), listMembers(pactId)])
  const names = new Map(members.map((member) => [member.user_id, `${member.name} (${member.party_name})`]))
  return htmlWithSuggestions(snapshot, {
    start: (kind, authorId) => {
      const name = names.get(authorId) ?? t('editor.suggestions.unknownPerson')
      return t(kind === INSERTION_MARK ? 'editor.read.insertedBy' : 'editor.read.deletedBy', { name })
    },
    end: t('editor.read.suggestionEnd'),
  })
}

export default function PactRead() {
  const { t } = useTranslation()
  const { pact, html, showSuggestions, openSuggestions } = useLoaderData<typeof loader>()
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
      {showSuggestions || openSuggestions > 0 ? (
        <Paragraph>
          <span data-testid="read-suggestions-state">
            {t(showSuggestions ? 'editor.read.withSuggestions' : 'editor.read.withoutSuggestions')}
          </span>{' '}
          <Link
            className="utrecht-link"
            to={showSuggestions ? `/pacts/${pact.id}/leesversie` : `?voorstellen=${SHOW_SUGGESTIONS}`}
          >
            {showSuggestions ? t('editor.read.hideSuggestions') : t('editor.read.showSuggestions', { count: openSuggestions })}
          </Link>
        </Paragraph>
      ) : null}
      {html ? (
        // Safe: the static renderer emits only the schema's own elements, with all text escaped.
        <div className="pw-document pw-read__document" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <Paragraph>{t('editor.read.empty')}</Paragraph>
      )}
    </div>
  )
}
