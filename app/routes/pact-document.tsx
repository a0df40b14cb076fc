import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { PactEditor } from '#app/document/ui/pact-editor.tsx'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { documentWriteFacts, getPact, listMembers, listParties } from '#app/pacts/pacts.server.ts'
import { textWriteVerdict } from '#app/access/write-policy.ts'
import { useReadOnlyReason } from '#app/access/ui/read-only-notice.tsx'
import { readProjectedModel } from '#app/pact-model/projection.server.ts'
import { openThreadCounts } from '#app/sign-off/comments.server.ts'
import { pactYears } from '#app/pacts/lifecycle.ts'
import editorCss from '#app/document/ui/editor.css?url'
import type { Route } from './+types/pact-document'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Document · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties, members, openComments] = await Promise.all([
    getPact(params.pactId),
    listParties(params.pactId),
    listMembers(params.pactId),
    openThreadCounts(params.pactId),
  ])
  const partyName = parties.find((party) => party.id === membership.partyId)?.name ?? ''
  // The socket enforces this too; here it only decides what the page offers.
  const write = textWriteVerdict(documentWriteFacts(pact, membership.access))
  return {
    pact: { id: pact.id, title: pact.title },
    user: { id: user.id, name: user.name, partyId: membership.partyId, partyName },
    canEdit: write.kind === 'edit',
    canSuggest: write.kind === 'suggest',
    canDecide: write.kind === 'edit' || (write.kind === 'suggest' && write.mayDecide),
    // Those who could edit suggest only because of the pact's mode (a commentator always does).
    suggestionsOnly: write.kind === 'suggest' && write.mayDecide,
    // Why not, in the words of the real reason: a beheerder of a signed pact reads that it is signed.
    readOnly: write.kind === 'refused' ? write.reason : null,
    access: membership.access,
    openComments,
    // Authors of suggestions, named with their organisation.
    people: Object.fromEntries(members.map((member) => [member.user_id, { name: member.name, partyName: member.party_name }])),
    // For the data blocks in the text; the live model arrives with the document. Read only: this page writes nothing.
    model: {
      years: pactYears(pact.start_year, pact.end_year),
      parties: parties.map((party) => ({ id: party.id, name: party.name, kind: party.kind })),
      projectedModel: await readProjectedModel(params.pactId),
    },
  }
}

export default function PactDocument() {
  const { t } = useTranslation()
  const { pact, user, canEdit, canSuggest, canDecide, suggestionsOnly, people, openComments, readOnly, access, model } =
    useLoaderData<typeof loader>()
  const readOnlyNote = useReadOnlyReason(readOnly ?? 'read-only-access', access)
  return (
    <div className="pw-stack">
      <PageHeader title={`${pact.title}: ${t('editor.page.title')}`} lead={t('editor.page.lead')} />
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/leesversie`}>
          {t('editor.page.readVersion')}
        </Link>
      </Paragraph>
      <noscript>
        <Paragraph>{t('editor.page.noScript')}</Paragraph>
      </noscript>
      <PactEditor
        pactId={pact.id}
        user={user}
        canEdit={canEdit}
        canSuggest={canSuggest}
        canDecide={canDecide}
        suggestionsOnly={suggestionsOnly}
        people={people}
        openComments={openComments}
        readOnlyNote={readOnly ? readOnlyNote : undefined}
        model={model}
      />
    </div>
  )
}
