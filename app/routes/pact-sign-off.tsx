import { parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { needsConfirmation } from '#app/pacts/lifecycle.ts'
import { getPact } from '#app/pacts/pacts.server.ts'
import { Refusal } from '#app/platform/errors.ts'
import { useLivePact } from '#app/platform/events/use-live-pact.ts'
import { answer, confirmationAnswer, formIntent, isConfirmed } from '#app/platform/forms.ts'
import { PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { signOffFormSchema } from '#app/sign-off/forms.ts'
import { matrixPage, openItemsInWords } from '#app/sign-off/matrix-page.server.ts'
import { addSignatory, changePactStatus, removeSignatory, SignOffError } from '#app/sign-off/sign-off.server.ts'
import {
  PactStatusSection,
  ReviewLinks,
  Signatories,
  SignOffMatrix,
  type OpenItem,
  type SignOffDone,
} from '#app/sign-off/ui-matrix.tsx'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-sign-off'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.pact.title ?? 'Pact'} · Akkoord per artikel · Pactwerk` },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  const { user, membership } = await requirePactAccess(request, params.pactId, 'view')
  return matrixPage(params.pactId, { userId: user.id, access: membership.access })
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await request.formData()
  // Status changes and signatories each show their outcome beside their own forms.
  const form = formIntent(formData) === 'change-status' ? 'status' : 'signatories'
  // The pact's status is the beheerder's; signatories are designated by their own party, which the back end checks.
  const { user } = await requirePactAccess(request, params.pactId, form === 'status' ? 'manage' : 'view')
  const submission = parseWithZod(formData, { schema: signOffFormSchema })
  if (submission.status !== 'success') return answer(form, submission.reply(), { status: 400, open: [] as OpenItem[] })
  const value = submission.value
  const succeeded = (done: SignOffDone) => answer(form, submission.reply(), { done, open: [] as OpenItem[] })
  try {
    if (value.intent === 'change-status') {
      if (!isConfirmed(formData) && needsConfirmation((await getPact(params.pactId)).status, value.to))
        return confirmationAnswer(form, formData, submission, { open: [] as OpenItem[] })
      const version = await changePactStatus(params.pactId, value.to, user.id)
      return succeeded(
        version ? { key: 'signoff.lifecycle.signed', version } : { key: 'signoff.lifecycle.changed', status: value.to },
      )
    }
    if (value.intent === 'add-signatory') {
      await addSignatory(params.pactId, value.partyId, value.userId, user.id)
      return succeeded({ key: 'signoff.signatories.added' })
    }
    await removeSignatory(params.pactId, value.partyId, value.userId, user.id)
    return succeeded({ key: 'signoff.signatories.removed' })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const open = error instanceof SignOffError && error.code === 'open-clauses' ? await openItemsInWords(params.pactId) : []
    return answer(form, submission.reply({ formErrors: [error.messageKey] }), { status: error.status, open })
  }
}

export default function PactSignOff() {
  const { t } = useTranslation()
  const { pact, clauses, signingParties, transitions, reviewFor } = useLoaderData<typeof loader>()
  useLivePact(pact.id)
  return (
    <div className="pw-stack">
      <PageHeader title={t('signoff.matrix.title')} lead={t('signoff.matrix.lead')}>
        <Paragraph className="pw-meta">{t('signoff.live')}</Paragraph>
      </PageHeader>
      <ReviewLinks pactId={pact.id} parties={reviewFor} />
      <PactStatusSection pact={pact} transitions={transitions} />
      <SignOffMatrix pact={pact} clauses={clauses} signingParties={signingParties} />
      <Signatories pactId={pact.id} parties={signingParties} />
    </div>
  )
}
