import { useTranslation } from 'react-i18next'
import { data, Form, Link, redirect, useLoaderData } from 'react-router'
import { getUser, requireUser } from '#app/access/authorization.server.ts'
import { Alert, Button, buttonClass, Heading, Paragraph } from '#app/platform/ui/ui.tsx'
import { acceptInvitation, lookupInvitation } from '#app/pacts/invitations.server.ts'
import type { Route } from './+types/invitation'

export const meta: Route.MetaFunction = () => [{ title: 'Uitnodiging · Pactwerk' }]

const STATUS_FOR = { unknown: 404, used: 410, expired: 410 } as const

export async function loader({ request, params }: Route.LoaderArgs) {
  const lookup = await lookupInvitation(params.token)
  const signedIn = (await getUser(request)) !== null
  const path = new URL(request.url).pathname
  if (lookup.status !== 'valid')
    return data({ status: lookup.status, invitation: null, signedIn, path }, { status: STATUS_FOR[lookup.status] })
  const { organisationName, pactTitle, access } = lookup.invitation
  return { status: lookup.status, invitation: { organisationName, pactTitle, access }, signedIn, path }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request)
  const result = await acceptInvitation(params.token, user.id)
  if (!result.ok) return data({ error: result.reason }, { status: STATUS_FOR[result.reason] })
  return redirect(result.pactId ? `/pacts/${result.pactId}` : '/organisaties')
}

export default function Invitation() {
  const { t } = useTranslation()
  const { status, invitation, signedIn, path } = useLoaderData<typeof loader>()
  if (!invitation) {
    return (
      <div className="pw-stack">
        <Heading level={1}>{t('invitations.title')}</Heading>
        <Alert type="error">{t(`invitations.status.${status}`)}</Alert>
      </div>
    )
  }
  return (
    <div className="pw-stack">
      <Heading level={1}>{t('invitations.title')}</Heading>
      <Paragraph lead>
        {invitation.pactTitle && invitation.access
          ? t('invitations.forPact', {
              pact: invitation.pactTitle,
              organisation: invitation.organisationName,
              access: t(`access.${invitation.access}`),
            })
          : t('invitations.forOrganisation', { organisation: invitation.organisationName })}
      </Paragraph>
      {signedIn ? (
        <Form method="post">
          <Button>{t('invitations.accept')}</Button>
        </Form>
      ) : (
        <InvitationSignIn redirectTo={path} />
      )}
    </div>
  )
}

function InvitationSignIn({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation()
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''
  return (
    <>
      <Paragraph>{t('invitations.signInFirst')}</Paragraph>
      <div className="pw-actions">
        <Link className={buttonClass('primary')} to={`/aanmelden${query}`}>
          {t('home.createAccount')}
        </Link>
        <Link className={buttonClass('secondary')} to={`/inloggen${query}`}>
          {t('nav.signIn')}
        </Link>
      </div>
    </>
  )
}
