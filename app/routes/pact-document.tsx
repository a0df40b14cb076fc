import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { PactEditor } from '#app/document/ui/pact-editor.tsx'
import { Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { documentWriteVerdict } from '#app/access/write-policy.ts'
import editorCss from '#app/document/ui/editor.css?url'
import type { Route } from './+types/pact-document'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: editorCss }]

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.pact.title ?? 'Pact'} · Document · Pactwerk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  const [pact, parties] = await Promise.all([getPact(params.pactId), listParties(params.pactId)])
  const partyName = parties.find((party) => party.id === membership.partyId)?.name ?? ''
  // The socket enforces this too; here it only decides what the page offers.
  const write = documentWriteVerdict({ access: membership.access, pactStatus: pact.status })
  return {
    pact: { id: pact.id, title: pact.title },
    user: { id: user.id, name: user.name, partyName },
    canEdit: write.allowed,
    // An editor of a signed pact reads why the text is frozen, not that editors may write.
    frozen: !write.allowed && write.reason === 'pact-signed',
  }
}

export default function PactDocument() {
  const { t } = useTranslation()
  const { pact, user, canEdit, frozen } = useLoaderData<typeof loader>()
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}`}>
          {t('editor.page.backToPact')}
        </Link>
      </Paragraph>
      <Heading level={1}>
        {pact.title}: {t('editor.page.title')}
      </Heading>
      <Paragraph lead>{t('editor.page.lead')}</Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/leesversie`}>
          {t('editor.page.readVersion')}
        </Link>
      </Paragraph>
      <noscript>
        <Paragraph>{t('editor.page.noScript')}</Paragraph>
      </noscript>
      <PactEditor pactId={pact.id} user={user} canEdit={canEdit} readOnlyNote={frozen ? t('editor.frozen') : undefined} />
    </div>
  )
}
